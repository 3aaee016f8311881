using System;

namespace Memalloc
{
    /// <summary>
    /// Marks a delegate parameter whose argument runs later or on another thread (a work queue, a
    /// completion handler), like <c>Task.Run</c> does. A lambda passed to it inherits neither the
    /// caller's scope nor its callback context, so the analyzers do not treat its body as part of a
    /// writeback callback. Matched by name.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
    public sealed class DeferredCallbackAttribute : Attribute
    {
    }
}
