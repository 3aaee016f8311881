using System;

namespace Memalloc
{
    /// <summary>
    /// Marks the calling thread as holding pages in writeback state (the analogue of
    /// <c>set_page_writeback()</c> … <c>end_page_writeback()</c>) so that <see cref="MemallocValidator"/>
    /// can tell an allocation that may recurse into filesystem reclaim from one that may not.
    /// Does nothing while the validator is off.
    /// </summary>
    public static class WritebackState
    {
        /// <summary>
        /// Enters a writeback section named <paramref name="section"/> (for example
        /// <c>"WritePages(inode 12)"</c>); dispose the result to leave it:
        /// <c>using var writeback = WritebackState.Enter("WritePages");</c>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="section"/> is null.</exception>
        public static WritebackSection Enter(string section)
        {
            if (section is null)
            {
                throw new ArgumentNullException(nameof(section));
            }

            if (!MemallocValidator.IsEnabled)
            {
                return default;
            }

            ValidatorThread thread = ValidatorThread.Current;
            long id = ++thread.NextSectionId;
            thread.Sections.Add(new WritebackEntry(id, section, CallerStackTrace.Capture()));
            return new WritebackSection(thread, thread.Sections.Count, id);
        }

        /// <summary>Whether the calling thread is inside a writeback section entered while the validator was on.</summary>
        public static bool IsHeld => ValidatorThread.IfAny is { Sections.Count: > 0 };
    }
}
