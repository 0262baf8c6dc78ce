namespace Sente.E2E.Infrastructure;

/// <summary>Where browser tests leave files for people to look at (screenshots): <c>artifacts/test-results/e2e</c>.</summary>
public static class TestArtifacts
{
    /// <summary>Gets the folder, created on first use.</summary>
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(
        Path.Combine(SenteProcess.SolutionDirectory, "artifacts", "test-results", "e2e")).FullName;
}
