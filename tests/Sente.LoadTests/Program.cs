using Sente.LoadTests.Cli;
using Sente.LoadTests.Reporting;
using Sente.LoadTests.Scenarios;

LoadOptions? options;
try
{
    options = CommandLine.Parse(args, Console.Error);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    options = null;
}

if (options is null)
{
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var results = await BenchmarkRunner.RunAsync(options, cancel.Token);
var commandLine = "dotnet run -c Release --project tests/Sente.LoadTests -- " + string.Join(' ', args);
Console.WriteLine();
Console.WriteLine(MarkdownReport.Render(results, commandLine));
if (options.Out is { } path)
{
    MarkdownReport.Write(path, results, commandLine);
    Console.WriteLine($"Wrote {path}");
}

return results.Rows.Any(r => r.Notes.StartsWith("FAILED", StringComparison.Ordinal)) ? 1 : 0;
