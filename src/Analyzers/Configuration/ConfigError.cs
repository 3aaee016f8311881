using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Configuration
{
    /// <summary>A line of NoFsScope.txt that was ignored, and why.</summary>
    internal sealed class ConfigError
    {
        internal ConfigError(Location location, int lineNumber, string reason)
        {
            Location = location;
            LineNumber = lineNumber;
            Reason = reason;
        }

        internal Location Location { get; }

        /// <summary>One-based, as editors show it.</summary>
        internal int LineNumber { get; }

        internal string Reason { get; }
    }
}
