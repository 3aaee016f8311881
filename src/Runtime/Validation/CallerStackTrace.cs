using System;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Memalloc
{
    /// <summary>
    /// Stack traces for validator reports that start at the caller of the runtime's validation
    /// code, however much of it the JIT inlined: frames are skipped by type, not by count.
    /// </summary>
    internal static class CallerStackTrace
    {
        internal static string Capture()
        {
            StackFrame[] frames = new StackTrace(1, true).GetFrames() ?? Array.Empty<StackFrame>();
            var text = new StringBuilder();
            bool skipping = true;
            foreach (StackFrame frame in frames)
            {
                System.Reflection.MethodBase? method = frame.GetMethod();
                Type? type = method?.DeclaringType;
                if (skipping && IsValidationCode(type))
                {
                    continue;
                }

                skipping = false;
                text.Append("   at ").Append(type is null ? "?" : type.FullName).Append('.').Append(method?.Name ?? "?");
                string? file = frame.GetFileName();
                if (file is not null)
                {
                    text.Append(" in ").Append(file).Append(':').Append(frame.GetFileLineNumber().ToString(CultureInfo.InvariantCulture));
                }

                text.AppendLine();
            }

            return text.ToString();
        }

        private static bool IsValidationCode(Type? type) =>
            type == typeof(CallerStackTrace) || type == typeof(MemallocValidator) || type == typeof(LockOrderGraph)
            || type == typeof(WritebackState) || type == typeof(ReclaimAwareLock);
    }
}
