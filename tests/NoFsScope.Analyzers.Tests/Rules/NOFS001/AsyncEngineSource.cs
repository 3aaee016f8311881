namespace NoFsScope.Analyzers.Tests.Rules.NOFS001;

/// <summary>Async callbacks for the async-coverage and async-fix tests. Appended, with <see cref="EngineSource"/>, to each test's source.</summary>
internal static class AsyncEngineSource
{
    public const string Code = EngineSource.Code + """

        public class AsyncOperations
        {
            [Memalloc.WritebackCallback] public virtual System.Threading.Tasks.Task WritePagesAsync(Pool pool) => System.Threading.Tasks.Task.CompletedTask;
            [Memalloc.WritebackCallback] public virtual System.Threading.Tasks.ValueTask<int> FlushAsync(Pool pool) => default;
            [Memalloc.IoCallback] public virtual System.Threading.Tasks.Task SubmitAsync(Pool pool) => System.Threading.Tasks.Task.CompletedTask;
            [Memalloc.WritebackCallback] public virtual System.Collections.Generic.IEnumerable<byte[]> Pages(Pool pool) => System.Array.Empty<byte[]>();
        }

        public static class AsyncEngine
        {
            public static void OnWriteback([Memalloc.WritebackCallback] System.Func<Pool, System.Threading.Tasks.Task> callback) { }
        }
        """;
}
