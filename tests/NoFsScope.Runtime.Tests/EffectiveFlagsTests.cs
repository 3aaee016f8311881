using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests;

public sealed class EffectiveFlagsTests
{
    public static TheoryData<MemallocFlags, AllocFlags, AllocFlags> TruthTable()
    {
        const AllocFlags R = AllocFlags.DirectReclaim, I = AllocFlags.Io, F = AllocFlags.Fs;
        var data = new TheoryData<MemallocFlags, AllocFlags, AllocFlags>
        {
            // context, requested, effective
            { MemallocFlags.None, AllocFlags.Default, R | I | F },
            { MemallocFlags.None, AllocFlags.NoFs, R | I },
            { MemallocFlags.None, AllocFlags.NoIo, R },
            { MemallocFlags.None, AllocFlags.NoWait, AllocFlags.None },
            { MemallocFlags.NoFs, AllocFlags.Default, R | I },
            { MemallocFlags.NoFs, AllocFlags.NoIo, R },
            { MemallocFlags.NoFs, I | F, I },
            { MemallocFlags.NoIo, AllocFlags.Default, R },
            { MemallocFlags.NoIo, AllocFlags.NoFs, R },
            { MemallocFlags.NoIo, I | F, AllocFlags.None },
            { MemallocFlags.NoReclaim, AllocFlags.Default, I | F },
            { MemallocFlags.NoReclaim, AllocFlags.NoFs, I },
            { MemallocFlags.NoFs | MemallocFlags.NoIo, AllocFlags.Default, R },
            { MemallocFlags.NoFs | MemallocFlags.NoReclaim, AllocFlags.Default, I },
            { MemallocFlags.NoIo | MemallocFlags.NoReclaim, AllocFlags.Default, AllocFlags.None },
            { MemallocFlags.NoFs | MemallocFlags.NoIo | MemallocFlags.NoReclaim, AllocFlags.Default, AllocFlags.None },
            { MemallocFlags.NoFs | MemallocFlags.NoIo | MemallocFlags.NoReclaim, AllocFlags.NoWait, AllocFlags.None },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(TruthTable))]
    public void Effective_narrows_the_request_by_the_thread_flags(MemallocFlags context, AllocFlags requested, AllocFlags expected)
    {
        using (MemallocScope.Enter(context))
        {
            Assert.Equal(expected, MemallocContext.Effective(requested));
        }

        Assert.Equal(requested, MemallocContext.Effective(requested));
    }

    [Fact]
    public void Gfp_aliases_have_the_kernel_meanings()
    {
        Assert.Equal(AllocFlags.DirectReclaim | AllocFlags.Io | AllocFlags.Fs, AllocFlags.Default);
        Assert.Equal(AllocFlags.DirectReclaim | AllocFlags.Io, AllocFlags.NoFs);
        Assert.Equal(AllocFlags.DirectReclaim, AllocFlags.NoIo);
        Assert.Equal(AllocFlags.None, AllocFlags.NoWait);
    }
}
