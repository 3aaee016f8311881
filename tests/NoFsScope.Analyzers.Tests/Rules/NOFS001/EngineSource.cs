namespace NoFsScope.Analyzers.Tests.Rules.NOFS001;

/// <summary>A tiny engine the NOFS001 tests write callbacks against. Appended to each test's source.</summary>
internal static class EngineSource
{
    public const string Code = """

        public sealed class Pool
        {
            public byte[] Rent(Memalloc.AllocFlags flags = Memalloc.AllocFlags.Default) => new byte[1];
            public T[] RentArray<T>(int length, Memalloc.AllocFlags flags) => new T[length];
            [Memalloc.MayReclaim] public byte[] Grow() => new byte[2];
            public byte[] Peek() => new byte[0];
        }

        public sealed class Buffer
        {
            [Memalloc.MayReclaim] public Buffer(int size) { }
            public Buffer(int size, Memalloc.AllocFlags flags) { }
            public Buffer() { }
        }

        public abstract class AddressSpaceOperations
        {
            [Memalloc.WritebackCallback] public abstract void WritePages(Pool pool);
            [Memalloc.IoCallback] public virtual void SubmitBio(Pool pool) { }
        }

        public interface IWriteback
        {
            [Memalloc.WritebackCallback] void WritePage(Pool pool);
        }

        public interface IWriteback<T>
        {
            [Memalloc.WritebackCallback] void Write(T item, Pool pool);
        }

        public static class Engine
        {
            public static void OnWriteback([Memalloc.WritebackCallback] System.Action<Pool> callback) { }
            public static void OnIo([Memalloc.IoCallback] System.Action<Pool> callback) { }
            public static void Later([Memalloc.DeferredCallback] System.Action callback) { }
            public static void Now(System.Action callback) => callback();
        }
        """;
}
