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

        /// <summary>The handle of each registered shrinker, parallel to <see cref="_shrinkers"/>; guarded by <see cref="_gate"/>.</summary>
        private Registration[] _handles = Array.Empty<Registration>();

        /// <summary>The registered shrinkers, in registration order (a snapshot).</summary>
        public IReadOnlyList<IShrinker> Shrinkers => Array.AsReadOnly(Volatile.Read(ref _shrinkers));

        /// <summary>What reclaim did with these shrinkers so far.</summary>
        public ReclaimStatistics Statistics { get; } = new();

        /// <summary>Adds <paramref name="shrinker"/>; dispose the result (or call <see cref="Unregister(IShrinker)"/>) to remove it.</summary>
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

                var handle = new Registration(this, shrinker);
                _handles = Append(_handles, handle);
                Volatile.Write(ref _shrinkers, Append(_shrinkers, shrinker));
                return handle;
            }
        }

        /// <summary>Removes <paramref name="shrinker"/>; returns false when it was not registered.</summary>
        public bool Unregister(IShrinker shrinker) => Unregister(shrinker, handle: null);

        internal IShrinker[] Snapshot() => Volatile.Read(ref _shrinkers);

        private static T[] Append<T>(T[] items, T item)
        {
            var grown = new T[items.Length + 1];
            Array.Copy(items, grown, items.Length);
            grown[items.Length] = item;
            return grown;
        }

        private static T[] RemoveAt<T>(T[] items, int index)
        {
            var shrunk = new T[items.Length - 1];
            Array.Copy(items, 0, shrunk, 0, index);
            Array.Copy(items, index + 1, shrunk, index, shrunk.Length - index);
            return shrunk;
        }

        /// <summary>Removes <paramref name="shrinker"/>; with <paramref name="handle"/>, only if that handle is its current registration (a stale handle removes nothing).</summary>
        private bool Unregister(IShrinker shrinker, Registration? handle)
        {
            lock (_gate)
            {
                int index = Array.IndexOf(_shrinkers, shrinker);
                if (index < 0 || (handle is not null && !ReferenceEquals(_handles[index], handle)))
                {
                    return false;
                }

                _handles = RemoveAt(_handles, index);
                Volatile.Write(ref _shrinkers, RemoveAt(_shrinkers, index));
                return true;
            }
        }

        private sealed class Registration : IDisposable
        {
            private ShrinkerRegistry? _registry;
            private readonly IShrinker _shrinker;

            internal Registration(ShrinkerRegistry registry, IShrinker shrinker)
            {
                _registry = registry;
                _shrinker = shrinker;
            }

            public void Dispose() => Interlocked.Exchange(ref _registry, null)?.Unregister(_shrinker, this);
        }
    }
}
