using System;
using System.Linq;
using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests.Reclaim;

public sealed class ShrinkerRegistryTests
{
    [Fact]
    public void New_registry_is_empty_with_zero_statistics()
    {
        var registry = new ShrinkerRegistry();

        Assert.Empty(registry.Shrinkers);
        Assert.Equal(0, registry.Statistics.Runs);
        Assert.Equal(0, registry.Statistics.Refused);
        Assert.Equal(0, registry.Statistics.Freed);
        Assert.Equal(0, registry.Statistics.ShrinkersRun);
        Assert.Equal(0, registry.Statistics.SkippedForFlags);
    }

    [Fact]
    public void Register_adds_shrinkers_in_registration_order()
    {
        var registry = new ShrinkerRegistry();
        var first = new TestShrinker("first");
        var second = new TestShrinker("second", AllocFlags.Fs);
        var third = new TestShrinker("third", AllocFlags.Io);

        registry.Register(first);
        registry.Register(second);
        registry.Register(third);

        Assert.Equal(new IShrinker[] { first, second, third }, registry.Shrinkers.ToArray());
    }

    [Fact]
    public void Shrinkers_is_a_snapshot_that_later_registrations_do_not_change()
    {
        var registry = new ShrinkerRegistry();
        var first = new TestShrinker("first");
        registry.Register(first);

        var before = registry.Shrinkers;
        registry.Register(new TestShrinker("second"));
        registry.Unregister(first);

        Assert.Equal(new IShrinker[] { first }, before.ToArray());
        Assert.Equal("second", Assert.Single(registry.Shrinkers).Name);
    }

    [Fact]
    public void Unregister_removes_the_shrinker_and_reports_whether_it_was_registered()
    {
        var registry = new ShrinkerRegistry();
        var first = new TestShrinker("first");
        var middle = new TestShrinker("middle");
        var last = new TestShrinker("last");
        registry.Register(first);
        registry.Register(middle);
        registry.Register(last);

        Assert.True(registry.Unregister(middle), "Unregistering a registered shrinker must report true.");
        Assert.Equal(new IShrinker[] { first, last }, registry.Shrinkers.ToArray());
        Assert.False(registry.Unregister(middle), "Unregistering it a second time must report false.");
        Assert.False(registry.Unregister(new TestShrinker("never")), "A shrinker that was never registered is not removed.");
        Assert.Equal(new IShrinker[] { first, last }, registry.Shrinkers.ToArray());
    }

    [Fact]
    public void Disposing_the_registration_removes_the_shrinker_and_a_second_dispose_does_nothing()
    {
        var registry = new ShrinkerRegistry();
        var kept = new TestShrinker("kept");
        var removed = new TestShrinker("removed");
        registry.Register(kept);
        IDisposable registration = registry.Register(removed);

        registration.Dispose();
        Assert.Equal(new IShrinker[] { kept }, registry.Shrinkers.ToArray());

        registration.Dispose();
        Assert.Equal(new IShrinker[] { kept }, registry.Shrinkers.ToArray());
    }

    [Fact]
    public void Registration_can_be_repeated_after_unregistering()
    {
        var registry = new ShrinkerRegistry();
        var shrinker = new TestShrinker("again");
        registry.Register(shrinker).Dispose();

        using IDisposable again = registry.Register(shrinker);

        Assert.Same(shrinker, Assert.Single(registry.Shrinkers));
    }

    [Fact]
    public void Disposing_a_registration_ended_by_Unregister_leaves_a_later_registration_alone()
    {
        var registry = new ShrinkerRegistry();
        var shrinker = new TestShrinker("re-registered");
        IDisposable first = registry.Register(shrinker);
        Assert.True(registry.Unregister(shrinker));
        using IDisposable second = registry.Register(shrinker);

        // The first registration already ended; disposing its handle must not end the second one.
        first.Dispose();

        Assert.Same(shrinker, Assert.Single(registry.Shrinkers));
    }

    [Fact]
    public void Registering_the_same_shrinker_twice_throws_and_keeps_one_entry()
    {
        var registry = new ShrinkerRegistry();
        var shrinker = new TestShrinker("inode-cache");
        registry.Register(shrinker);

        var error = Assert.Throws<InvalidOperationException>(() => registry.Register(shrinker));

        Assert.Contains("'inode-cache'", error.Message);
        Assert.Same(shrinker, Assert.Single(registry.Shrinkers));
    }

    [Fact]
    public void One_shrinker_can_be_registered_with_two_registries()
    {
        var one = new ShrinkerRegistry();
        var two = new ShrinkerRegistry();
        var shrinker = new TestShrinker("shared");

        one.Register(shrinker);
        two.Register(shrinker);

        Assert.Same(shrinker, Assert.Single(one.Shrinkers));
        Assert.Same(shrinker, Assert.Single(two.Shrinkers));
    }

    [Theory]
    [InlineData(AllocFlags.DirectReclaim)]
    [InlineData(AllocFlags.Default)]
    [InlineData(AllocFlags.NoFs)]
    [InlineData(AllocFlags.DirectReclaim | AllocFlags.Fs)]
    [InlineData((AllocFlags)8)]
    public void RequiredFlags_outside_Io_and_Fs_throw_ArgumentException(AllocFlags required)
    {
        var registry = new ShrinkerRegistry();
        var shrinker = new TestShrinker("bad-flags", required);

        var error = Assert.Throws<ArgumentException>(() => registry.Register(shrinker));

        Assert.Equal("shrinker", error.ParamName);
        Assert.Contains("'bad-flags'", error.Message);
        Assert.Empty(registry.Shrinkers);
    }

    [Theory]
    [InlineData(AllocFlags.None)]
    [InlineData(AllocFlags.Io)]
    [InlineData(AllocFlags.Fs)]
    [InlineData(AllocFlags.Io | AllocFlags.Fs)]
    public void RequiredFlags_of_Io_and_Fs_are_accepted(AllocFlags required)
    {
        var registry = new ShrinkerRegistry();
        var shrinker = new TestShrinker("ok", required);

        registry.Register(shrinker);

        Assert.Equal(required, Assert.Single(registry.Shrinkers).RequiredFlags);
    }

    [Fact]
    public void Registering_null_throws_ArgumentNullException()
    {
        var registry = new ShrinkerRegistry();

        var error = Assert.Throws<ArgumentNullException>(() => registry.Register(null!));

        Assert.Equal("shrinker", error.ParamName);
        Assert.Empty(registry.Shrinkers);
    }
}
