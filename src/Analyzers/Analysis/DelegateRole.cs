namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>When the code of a lambda, anonymous method or method group runs, relative to where it is written.</summary>
    internal enum DelegateRole
    {
        /// <summary>Runs during the enclosing call, with the enclosing context and scope (an argument to an ordinary method, a local).</summary>
        Synchronous,

        /// <summary>Runs later or elsewhere (Task.Run, a field, an event): inherits neither the scope nor the callback context.</summary>
        Deferred,

        /// <summary>Passed to a <c>[WritebackCallback]</c>/<c>[IoCallback]</c> parameter: a callback of its own.</summary>
        CallbackRoot,
    }
}
