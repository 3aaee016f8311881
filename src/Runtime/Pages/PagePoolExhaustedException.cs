using System;

namespace Memalloc
{
    /// <summary>Thrown by <see cref="PagePool.Rent(AllocFlags)"/> when no page could be found within what the request's flags allow.</summary>
    public sealed class PagePoolExhaustedException : InvalidOperationException
    {
        internal PagePoolExhaustedException(int pageCount, AllocFlags requested, AllocFlags effective, TimeSpan waited)
            : base(
                (effective & AllocFlags.DirectReclaim) == 0
                    ? $"No free page among {pageCount}, and this request may not reclaim (requested {requested}, effective {effective}: NoWait, a NoReclaimScope, or reclaim already running on this thread). Use TryRent and fall back, or request DirectReclaim outside reclaim."
                    : $"No free page among {pageCount} after reclaim under {effective} (requested {requested}) and {waited.TotalMilliseconds:F0} ms without progress. Give pages back sooner, register a shrinker that can free pages under these flags, or use TryRent and fall back.")
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
