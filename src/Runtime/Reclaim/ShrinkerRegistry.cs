using System;
using System.Collections.Generic;
using System.Threading;

namespace Memalloc
{
    /// <summary>
    /// The shrinkers one pool of memory reclaims from (the kernel's shrinker list). Registration is
    /// rare and copies the list; reclaim reads a snapshot without locking.
    /// </summary>
    public sealed class ShrinkerRegistry
    {
        private const AllocFlags MeaningfulRequirements = AllocFlags.Io | AllocFlags.Fs;

        private readonly object _gate = new();
        private IShrinker[] _shrinkers = Array.Empty<IShrinker>();

        /// <summary>The registered shrinkers, in registration order (a snapshot).</summary>
        public IReadOnlyList<IShrinker> Shrinkers => Volatile.Read(ref _shrinkers);

        /// <summary>What reclaim did with these shrinkers so far.</summary>
        public ReclaimStatistics Statistics { get; } = new();

        /// <summary>Adds <paramref name="shrinker"/>; dispose the result (or call <see cref="Unregister"/>) to remove it.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="shrinker"/> is null.</exception>
        /// <exception cref="ArgumentException">Its <see cref="IShrinker.RequiredFlags"/> has bits other than Io and Fs.</exception>
        /// <exception cref="InvalidOperationException">It is already registered here.</exception>
        public IDisposable Register(IShrinker shrinker)
        {
            if (shrinker is null)
            {
                throw new ArgumentNullException(nameof(shrinker));
            }

            AllocFlags required = shrinker.RequiredFlags;
            if ((required & ~MeaningfulRequirements) != 0)
            {
                throw new ArgumentException(
                    $"Shrinker '{shrinker.Name}' declares RequiredFlags {required}; only AllocFlags.Io and AllocFlags.Fs are meaningful " +
                    "(reclaim always needs DirectReclaim). Return AllocFlags.Fs for a shrinker that calls into the filesystem, AllocFlags.None for one that only drops clean memory.",
                    nameof(shrinker));
            }

            lock (_gate)
            {
                if (Array.IndexOf(_shrinkers, shrinker) >= 0)
                {
                    throw new InvalidOperationException($"Shrinker '{shrinker.Name}' is already registered with this registry; register each shrinker once.");
                }

                var grown = new IShrinker[_shrinkers.Length + 1];
                Array.Copy(_shrinkers, grown, _shrinkers.Length);
                grown[grown.Length - 1] = shrinker;
                Volatile.Write(ref _shrinkers, grown);
            }

            return new Registration(this, shrinker);
        }

        /// <summary>Removes <paramref name="shrinker"/>; returns false when it was not registered.</summary>
        public bool Unregister(IShrinker shrinker)
        {
            lock (_gate)
            {
                int index = Array.IndexOf(_shrinkers, shrinker);
                if (index < 0)
                {
                    return false;
                }

                var shrunk = new IShrinker[_shrinkers.Length - 1];
                Array.Copy(_shrinkers, 0, shrunk, 0, index);
                Array.Copy(_shrinkers, index + 1, shrunk, index, shrunk.Length - index);
                Volatile.Write(ref _shrinkers, shrunk);
                return true;
            }
        }

        internal IShrinker[] Snapshot() => Volatile.Read(ref _shrinkers);

        private sealed class Registration : IDisposable
        {
            private ShrinkerRegistry? _registry;
            private readonly IShrinker _shrinker;

            internal Registration(ShrinkerRegistry registry, IShrinker shrinker)
            {
                _registry = registry;
                _shrinker = shrinker;
            }

            public void Dispose() => Interlocked.Exchange(ref _registry, null)?.Unregister(_shrinker);
        }
    }
}
