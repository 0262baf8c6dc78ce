namespace Sente.LoadTests.Hosting;

/// <summary>Finds the repository root and the built server DLLs in it.</summary>
public sealed class RepoPaths(string root, string configuration)
{
    public string Root { get; } = root;

    public string SenteWeb => Dll("Sente.Web", "Sente.Web.dll");

    public string SenteSilo => Dll("Sente.Silo", "Sente.Silo.dll");

    public string SignalRBaseline => Dll(Path.Combine("tests", "Sente.LoadTests", "SignalRBaseline"), "Sente.LoadTests.SignalRBaseline.dll");

    public static RepoPaths Locate(string? given, string configuration)
    {
        if (given is not null)
        {
            return new RepoPaths(Path.GetFullPath(given), configuration);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Sente.sln")))
                {
                    return new RepoPaths(dir.FullName, configuration);
                }
            }
        }

        throw new InvalidOperationException("Cannot find Sente.sln above the tool or the current directory; pass --repo.");
    }

    /// <summary>Throws with the build command when a server DLL is missing.</summary>
    public void EnsureBuilt(params string[] dlls)
    {
        foreach (var dll in dlls)
        {
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{Path.GetRelativePath(Root, dll)} is missing: run `dotnet build -c {configuration} Sente.sln` first.");
            }
        }
    }

    private string Dll(string projectDir, string name) =>
        Path.Combine(Root, projectDir, "bin", configuration, "net10.0", name);
}
