using System;
using System.IO;

namespace NoFsScope.Analyzers.Tests;

internal static class RepositoryPaths
{
    /// <summary>The folder holding NoFsScope.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NoFsScope.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NoFsScope.sln not found above " + AppContext.BaseDirectory);
    }
}
