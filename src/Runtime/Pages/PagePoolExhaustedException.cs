using System;

namespace Memalloc
{
    /// <summary>Thrown by <see cref="PagePool.Rent(AllocFlags)"/> when no page could be found within what the request's flags allow.</summary>
    public sealed class PagePoolExhaustedException : InvalidOperationException
    {
        internal PagePoolExhaustedException(int pageCount, AllocFlags requested, AllocFlags effective, TimeSpan waited)
            : base(
                $"No free page among {pageCount} after reclaim under {effective} (requested {requested}) and {waited.TotalMilliseconds:F0} ms of waiting. " +
                ((effective & AllocFlags.DirectReclaim) == 0
                    ? "The request could not reclaim at all (NoWait, a NoReclaimScope, or reclaim already running on this thread); use TryRent and fall back, or request DirectReclaim."
                    : "Give pages back sooner, register a shrinker that can free pages under these flags, or use TryRent and fall back."))
        {
            RequestedFlags = requested;
            EffectiveFlags = effective;
        }

        /// <summary>The flags the request asked for.</summary>
        public AllocFlags RequestedFlags { get; }

        /// <summary>The flags after the thread's scopes narrowed them.</summary>
        public AllocFlags EffectiveFlags { get; }
    }
}
