using Microsoft.AspNetCore.StaticFiles;

namespace Sente.Web.Hosting;

/// <summary>Content types for the files the web node serves from wwwroot.</summary>
internal static class StaticContentTypes
{
    /// <summary>
    /// The default mappings, with TypeScript typings (<c>sente.d.ts</c>) served as TypeScript text:
    /// the default maps <c>.ts</c> to MPEG transport streams, so browsers offered to download them as video.
    /// </summary>
    public static FileExtensionContentTypeProvider Create()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".ts"] = "application/typescript; charset=utf-8";
        return provider;
    }
}
