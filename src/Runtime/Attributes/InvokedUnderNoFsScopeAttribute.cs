using System;

namespace Memalloc
{
    /// <summary>
    /// A promise by the engine that it invokes the marked member, and every override or
    /// implementation of it, only under a <see cref="NoFsScope"/> (or a stronger scope), as has been
    /// proposed for the kernel's <c>->writepage</c> and <c>->writepages</c>. Bodies of such members
    /// count as scoped, and the analyzers check that every call to the member is made under a scope.
    /// Matched by name.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
    public sealed class InvokedUnderNoFsScopeAttribute : Attribute
    {
    }
}
