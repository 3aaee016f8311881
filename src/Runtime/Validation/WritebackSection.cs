using System;

namespace Memalloc
{
    /// <summary>A writeback section from <see cref="WritebackState.Enter(string)"/>; dispose it on the thread that entered it, innermost first.</summary>
    public readonly ref struct WritebackSection
    {
        private readonly ValidatorThread? _thread;
        private readonly int _depth;
        private readonly long _id;

        internal WritebackSection(ValidatorThread thread, int depth, long id)
        {
            _thread = thread;
            _depth = depth;
            _id = id;
        }

        /// <summary>Leaves the section. A second dispose is a no-op.</summary>
        /// <exception cref="InvalidOperationException">The section is disposed on another thread or while a section entered after it is still held.</exception>
        public void Dispose()
        {
            if (_thread is null)
            {
                return;
            }

            if (!ReferenceEquals(_thread, ValidatorThread.IfAny))
            {
                throw new InvalidOperationException("A writeback section was disposed on a thread other than the one that entered it; leave it on the entering thread.");
            }

            int count = _thread.Sections.Count;
            if (count < _depth || _thread.Sections[_depth - 1].Id != _id)
            {
                // Disposed before: the section at this depth, if any, is a newer one.
                return;
            }

            if (count > _depth)
            {
                throw new InvalidOperationException(
                    $"Writeback section '{_thread.Sections[_depth - 1].Name}' was disposed while '{_thread.Sections[count - 1].Name}', entered inside it, is still held; dispose sections innermost first ('using' does).");
            }

            _thread.Sections.RemoveAt(count - 1);
        }
    }
}
