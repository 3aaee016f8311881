using System;

namespace Memalloc
{
    /// <summary>
    /// Marks a method on the block-I/O path (a device's submit or completion path, a swap or
    /// journal device writer) where reclaim that starts any I/O, not only filesystem I/O, can wait
    /// on the very request being issued. Every reclaim-capable allocation it makes must be under a
    /// <see cref="NoIoScope"/>, which covers filesystem reclaim too. Overrides, implementations and
    /// delegate parameters behave as for <see cref="WritebackCallbackAttribute"/>; matched by name.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
    public sealed class IoCallbackAttribute : Attribute
    {
    }
}
