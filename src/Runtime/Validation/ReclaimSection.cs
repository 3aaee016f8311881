namespace Memalloc
{
    /// <summary>While reclaim may call into a filesystem, the thread holds the <see cref="MemallocValidator.FsReclaim"/> pseudo-lock.</summary>
    internal readonly ref struct ReclaimSection
    {
        private readonly ValidatorThread? _thread;

        internal ReclaimSection(ValidatorThread thread) => _thread = thread;

        public void Dispose()
        {
            if (_thread is null)
            {
                return;
            }

            for (int i = _thread.Locks.Count - 1; i >= 0; i--)
            {
                if (_thread.Locks[i].Instance is null)
                {
                    _thread.Locks.RemoveAt(i);
                    return;
                }
            }
        }
    }
}
