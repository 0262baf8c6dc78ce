using Sente.Web;

await SenteWebApplication.Build(args).RunAsync();
