using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NoFsScope.Workload;

/// <summary>One generated source file: a repository-relative path and its text.</summary>
public sealed record GeneratedFile(string Path, string Text, int Lines);

/// <summary>
/// Writes the C# source of a solution-sized, engine-shaped library, deterministically (a fixed
/// seed, no clock, no hashing of strings): the same seed always gives byte-identical files.
/// </summary>
/// <remarks>
/// <para>One core file holds the memory engine: a <c>Pool</c> whose <c>Rent(AllocFlags flags =
/// AllocFlags.Default)</c> is the gfp-convention allocator, <c>[MayReclaim]</c> methods and
/// constructors, a NoFsScope.txt-listed allocator, the callback bases and interfaces
/// (<c>AddressSpaceOperations</c>, <c>SuperOperations</c>, <c>IWritebackTarget</c>,
/// <c>IBlockSubmitter</c>, <c>IShrinker&lt;T&gt;</c>) and delegate hooks with callback parameters.</para>
/// <para>Every other file is one subsystem of 13 types: an enum, two records, a generic cache, a
/// static utility class, four helper classes, a stage (one of eight abstract families, so calls
/// through a stage dispatch virtually to ~25 overrides), an <c>AddressSpaceOperations</c>
/// override, one implementation of a callback interface or base, and a service that registers
/// lambdas and method groups with the hooks.</para>
/// <para>Call chains of 1 to 20 methods run through helpers of random subsystems, hop by direct
/// calls, property getters, virtual stage calls and interface calls; some hops are under a scope
/// (<c>using (NoFsScope.Enter())</c>, <c>using var</c>, <c>MemallocContext.Save</c>/<c>Restore</c>),
/// and a chain ends in a dangerous allocation, a safe one or none. Callbacks call chain entries,
/// some scoped, and sometimes allocate directly. Most of the code is ordinary: loops, LINQ,
/// string handling, records, generics, pattern matching, async methods and iterators.</para>
/// </remarks>
public static class EngineGenerator
{
    /// <summary>The seed every published number was measured with.</summary>
    public const int DefaultSeed = 6_2024;

    /// <summary>Subsystem files (plus one core file): 200 gives 2,622 types and 245,167 lines.</summary>
    public const int DefaultSubsystems = 200;

    private const int StageFamilies = 8;
    private const int HelpersPerFile = 4;
    private const string HelperLetters = "abcd";

    /// <summary>The NoFsScope.txt the generated project ships: one listed allocator, listed callbacks, and one misspelt line (a NOFS900).</summary>
    public static string ConfigFile(int subsystems = DefaultSubsystems)
    {
        var text = new StringBuilder();
        text.Append("# NoFsScope configuration of the generated engine\n");
        text.Append("allocator M:Engine.Core.LegacyHeap.Allocate(System.Int32)\n");
        for (int i = 20; i <= subsystems; i += 20)
        {
            text.Append(CultureInfo.InvariantCulture, $"writeback M:Engine.Sub{i:D3}.Service{i:D3}.Sync(Engine.Core.Pool)\n");
        }

        text.Append("io M:Engine.Core.EngineHooks.DrainIo(Engine.Core.Pool)\n");
        text.Append("allocater M:Engine.Core.LegacyHeap.Reserve(System.Int32)\n");
        return text.ToString();
    }

    public static IReadOnlyList<GeneratedFile> Generate(int subsystems = DefaultSubsystems, int seed = DefaultSeed)
    {
        var plan = new Plan(subsystems, new Random(seed));
        var files = new List<GeneratedFile>(subsystems + 1);
        var core = new CodeWriter();
        WriteCore(core);
        files.Add(new GeneratedFile("src/Engine/Core/Memory.cs", core.ToString(), core.Lines));
        for (int i = 1; i <= subsystems; i++)
        {
            var w = new CodeWriter();
            new SubsystemWriter(plan, i, w).Write();
            files.Add(new GeneratedFile($"src/Engine/Sub{i:D3}/Subsystem{i:D3}.cs", w.ToString(), w.Lines));
        }

        return files;
    }

    // ------------------------------------------------------------------ the plan

    private enum Hop
    {
        Direct,
        Guarded,
        Scoped,
        ScopedDeclaration,
        SaveRestore,
        ViaProperty,
        ViaStage,
        ViaInterface,
    }

    private enum Terminal
    {
        None,
        Rent,
        RentNoFs,
        RentEffective,
        Grow,
        NewBuffer,
        NewBufferNoIo,
        RentArray,
        Legacy,
        ScopedRent,
    }

    private sealed class Step
    {
        public int Chain;
        public int Index;
        public int File;
        public int Helper;
        public bool IsStatic;
        public bool IsPublic;
        public bool MarkedMayReclaim;
        public Hop Hop;
        public Terminal Terminal;
        public bool IsLast;
        public int StageFile;
        public bool HasProperty;
    }

    /// <summary>Everything decided before any text is written, so files can call into each other.</summary>
    private sealed class Plan
    {
        public readonly int Subsystems;
        public readonly Random Rng;
        public readonly List<List<Step>> Chains = new();
        public readonly Dictionary<(int File, int Helper), List<Step>> StepsByHelper = new();

        public Plan(int subsystems, Random rng)
        {
            Subsystems = subsystems;
            Rng = rng;
            int chainCount = subsystems * 7 / 2;
            for (int c = 0; c < chainCount; c++)
            {
                // Lengths 1..20, most chains short, a long tail.
                double r = rng.NextDouble();
                int length = Math.Min(20, 1 + (int)(20 * r * r));
                Terminal terminal = PickTerminal(rng);
                var chain = new List<Step>(length);
                for (int k = 0; k < length; k++)
                {
                    var step = new Step
                    {
                        Chain = c,
                        Index = k,
                        File = 1 + rng.Next(subsystems),
                        Helper = rng.Next(HelpersPerFile),
                        IsStatic = rng.Next(3) == 0,
                        IsPublic = rng.Next(10) < 3,
                        IsLast = k == length - 1,
                    };
                    step.MarkedMayReclaim = step.IsPublic && k > 0 && rng.Next(10) == 0;
                    step.Hop = step.IsLast ? Hop.Direct : PickHop(rng);
                    step.Terminal = step.IsLast ? terminal : Terminal.None;
                    if (step.Hop is Hop.ViaStage or Hop.ViaInterface)
                    {
                        step.StageFile = 1 + rng.Next(subsystems);
                    }

                    chain.Add(step);
                    if (!StepsByHelper.TryGetValue((step.File, step.Helper), out List<Step>? list))
                    {
                        list = new List<Step>();
                        StepsByHelper.Add((step.File, step.Helper), list);
                    }

                    list.Add(step);
                }

                for (int k = 0; k + 1 < length; k++)
                {
                    if (chain[k].Hop == Hop.ViaProperty)
                    {
                        chain[k + 1].HasProperty = true;
                    }
                }

                Chains.Add(chain);
            }
        }

        public int RandomChain() => Rng.Next(Chains.Count);

        /// <summary><c>Sub007.Helper007b.Instance.Ch12S0(pool, n)</c>.</summary>
        public string CallEntry(int chain, string pool, string n) => Call(Chains[chain][0], pool, n);

        public string Call(Step step, string pool, string n) => $"{Owner(step)}.Ch{step.Chain}S{step.Index}({pool}, {n})";

        public string Property(Step step) => $"{TypeOf(step.File, step.Helper)}.Instance.Ch{step.Chain}P{step.Index}";

        private static string Owner(Step step) => TypeOf(step.File, step.Helper) + (step.IsStatic ? string.Empty : ".Instance");

        public static string TypeOf(int file, int helper) => $"Sub{file:D3}.Helper{file:D3}{HelperLetters[helper]}";

        private static Terminal PickTerminal(Random rng)
        {
            int r = rng.Next(100);
            return r switch
            {
                < 22 => Terminal.Rent,
                < 30 => Terminal.Grow,
                < 36 => Terminal.NewBuffer,
                < 40 => Terminal.RentArray,
                < 43 => Terminal.Legacy,
                < 55 => Terminal.RentNoFs,
                < 63 => Terminal.RentEffective,
                < 68 => Terminal.NewBufferNoIo,
                < 73 => Terminal.ScopedRent,
                _ => Terminal.None,
            };
        }

        private static Hop PickHop(Random rng)
        {
            int r = rng.Next(100);
            return r switch
            {
                < 58 => Hop.Direct,
                < 70 => Hop.Guarded,
                < 76 => Hop.Scoped,
                < 79 => Hop.ScopedDeclaration,
                < 81 => Hop.SaveRestore,
                < 90 => Hop.ViaProperty,
                < 98 => Hop.ViaStage,
                _ => Hop.ViaInterface,
            };
        }
    }

    // ------------------------------------------------------------------ the core file

    private static void WriteCore(CodeWriter w)
    {
        w.Raw(Header("Core/Memory.cs"));
        w.Raw("""
            namespace Engine.Core
            {
                /// <summary>The engine's page allocator. Rent follows the gfp convention.</summary>
                public sealed class Pool
                {
                    private long _rented;
                    private long _grown;

                    public static Pool Shared { get; } = new Pool();

                    public long Rented => _rented;

                    public long Grown => _grown;

                    public byte[] Rent(AllocFlags flags = AllocFlags.Default)
                    {
                        _rented++;
                        AllocFlags effective = MemallocContext.Effective(flags);
                        return new byte[(effective & AllocFlags.Fs) != 0 ? 4096 : 512];
                    }

                    public T[] RentArray<T>(int length, AllocFlags flags)
                    {
                        _rented++;
                        return new T[Math.Max(0, length)];
                    }

                    [MayReclaim]
                    public byte[] Grow(int size)
                    {
                        _grown += size;
                        return new byte[Math.Max(0, size)];
                    }

                    public byte[] Peek() => Array.Empty<byte>();
                }

                /// <summary>Allocates through a path the analyzers learn about from NoFsScope.txt.</summary>
                public sealed class LegacyHeap
                {
                    public static LegacyHeap Shared { get; } = new LegacyHeap();

                    public byte[] Allocate(int size) => new byte[Math.Max(0, size)];

                    public int Reserve(int size) => size;
                }

                public sealed class PageBuffer
                {
                    [MayReclaim]
                    public PageBuffer(int size)
                    {
                        Data = new byte[Math.Max(0, size)];
                    }

                    public PageBuffer(int size, AllocFlags flags)
                    {
                        Data = new byte[Math.Max(0, size)];
                        Flags = flags;
                    }

                    public byte[] Data { get; }

                    public AllocFlags Flags { get; }

                    public int Size => Data.Length;
                }

                public sealed class Page
                {
                    public Page(long index) => Index = index;

                    public long Index { get; }

                    public bool Dirty { get; set; }

                    public int Checksum { get; set; }
                }

                public sealed class WritebackControl
                {
                    public List<Page> Pages { get; } = new List<Page>();

                    public int NrToWrite { get; set; }

                    public bool Sync { get; set; }
                }

                public sealed class Bio
                {
                    public long Sector { get; set; }

                    public int Length { get; set; }

                    public List<Page> Pages { get; } = new List<Page>();
                }

                public sealed class ShrinkControl
                {
                    public int NrToScan { get; set; }

                    public AllocFlags Flags { get; set; }
                }

                /// <summary>The address-space operations a filesystem implements; the engine calls them from writeback.</summary>
                public abstract class AddressSpaceOperations
                {
                    public abstract string Name { get; }

                    [WritebackCallback]
                    public abstract int WritePages(WritebackControl wbc, Pool pool);

                    [WritebackCallback]
                    public virtual bool WritePage(Page page, Pool pool) => false;

                    [IoCallback]
                    public virtual void SubmitBio(Bio bio, Pool pool)
                    {
                    }

                    public virtual int ReadPage(Page page) => 0;
                }

                public abstract class SuperOperations
                {
                    [WritebackCallback]
                    public abstract void WriteInode(long ino, Pool pool);

                    [WritebackCallback]
                    [InvokedUnderNoFsScope]
                    public virtual void EvictInode(long ino, Pool pool)
                    {
                    }

                    public virtual long Statfs() => 0;
                }

                public interface IWritebackTarget
                {
                    int Priority { get; }

                    [WritebackCallback]
                    void Flush(Pool pool, int reason);
                }

                public interface IBlockSubmitter
                {
                    [IoCallback]
                    void Submit(Bio bio, Pool pool);
                }

                public interface IShrinker<T>
                {
                    long Count(T control);

                    [WritebackCallback]
                    long Scan(T control, Pool pool);
                }

                public interface IStage
                {
                    int Run(Pool pool, int n);
                }

                public static class EngineHooks
                {
                    private static readonly List<Action<Pool>> s_writeback = new List<Action<Pool>>();
                    private static readonly List<Action<Pool>> s_io = new List<Action<Pool>>();
                    private static readonly Queue<Action> s_later = new Queue<Action>();

                    public static void OnWriteback([WritebackCallback] Action<Pool> callback) => s_writeback.Add(callback);

                    public static void OnIo([IoCallback] Action<Pool> callback) => s_io.Add(callback);

                    public static void Later([DeferredCallback] Action callback) => s_later.Enqueue(callback);

                    public static void Now(Action callback) => callback();

                    public static void RunWriteback(Pool pool)
                    {
                        using var scope = NoFsScope.Enter();
                        foreach (Action<Pool> callback in s_writeback)
                        {
                            callback(pool);
                        }
                    }

                    public static void DrainIo(Pool pool)
                    {
                        using (NoIoScope.Enter())
                        {
                            foreach (Action<Pool> callback in s_io)
                            {
                                callback(pool);
                            }
                        }
                    }

                    public static int RunLater()
                    {
                        int ran = 0;
                        while (s_later.Count > 0)
                        {
                            s_later.Dequeue()();
                            ran++;
                        }

                        return ran;
                    }
                }

            """);
        for (int k = 0; k < StageFamilies; k++)
        {
            w.Raw($$"""
                    public abstract class StageBase{{k}} : IStage
                    {
                        public virtual int Cost => {{k + 1}};

                        public abstract int Run(Pool pool, int n);
                    }

                """);
        }

        w.Raw("""
            }
            """);
    }

    private static string Header(string path) => $$"""
        // Engine subsystem source ({{path}}). Part of the NoFsScope analyzer benchmark workload.
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using System.Globalization;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;
        using Engine.Core;
        using Memalloc;
        using Page = Engine.Core.Page; // the runtime has a Memalloc.Page too; an engine picks its own, as users do

        """;

    // ------------------------------------------------------------------ subsystem files

    private sealed class SubsystemWriter
    {
        private readonly Plan _plan;
        private readonly int _i;
        private readonly string _s;
        private readonly CodeWriter _w;
        private readonly Random _rng;

        public SubsystemWriter(Plan plan, int i, CodeWriter w)
        {
            _plan = plan;
            _i = i;
            _s = i.ToString("D3", CultureInfo.InvariantCulture);
            _w = w;
            _rng = plan.Rng;
        }

        private int R(int max) => _rng.Next(max);

        private bool Chance(int percent) => _rng.Next(100) < percent;

        public void Write()
        {
            _w.Raw(Header($"Sub{_s}/Subsystem{_s}.cs"));
            _w.Open($"namespace Engine.Sub{_s}");
            WriteEnumAndRecords();
            _w.Line();
            WriteCache();
            _w.Line();
            WriteStats();
            for (int h = 0; h < HelpersPerFile; h++)
            {
                _w.Line();
                WriteHelper(h);
            }

            _w.Line();
            WriteStage();
            _w.Line();
            WriteAops();
            _w.Line();
            WriteImplementer();
            _w.Line();
            WriteService();
            _w.Close();
        }

        private void WriteEnumAndRecords()
        {
            _w.Raw($$"""
                public enum State{{_s}}
                {
                    Idle,
                    Dirty,
                    Writeback,
                    Clean,
                    Evicted,
                }

                public sealed record Extent{{_s}}(long Start, long Length)
                {
                    public long End => Start + Length;

                    public bool Overlaps(Extent{{_s}} other) => Start < other.End && other.Start < End;
                }

                public readonly record struct Key{{_s}}(long Ino, int Slot)
                {
                    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ino}:{Slot}");
                }
                """);
        }

        private void WriteCache()
        {
            _w.Raw($$"""
                public sealed class Cache{{_s}}<TKey, TValue>
                    where TKey : notnull
                {
                    private readonly Dictionary<TKey, TValue> _items = new Dictionary<TKey, TValue>();
                    private readonly LinkedList<TKey> _order = new LinkedList<TKey>();
                    private readonly int _capacity;

                    public Cache{{_s}}(int capacity) => _capacity = Math.Max(1, capacity);

                    public int Count => _items.Count;

                    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value) => _items.TryGetValue(key, out value);

                    public void Add(TKey key, TValue value)
                    {
                        if (_items.Count >= _capacity && _order.First is { } oldest)
                        {
                            _items.Remove(oldest.Value);
                            _order.RemoveFirst();
                        }

                        _items[key] = value;
                        _order.AddLast(key);
                    }

                    public IEnumerable<TKey> Where(Func<TValue, bool> predicate) => _items.Where(p => predicate(p.Value)).Select(p => p.Key);

                    public TResult Fold<TResult>(TResult seed, Func<TResult, TKey, TValue, TResult> step)
                    {
                        TResult acc = seed;
                        foreach (KeyValuePair<TKey, TValue> pair in _items)
                        {
                            acc = step(acc, pair.Key, pair.Value);
                        }

                        return acc;
                    }

                    public int Evict(Func<TKey, bool> predicate)
                    {
                        List<TKey> doomed = _items.Keys.Where(predicate).ToList();
                        foreach (TKey key in doomed)
                        {
                            _items.Remove(key);
                            _order.Remove(key);
                        }

                        return doomed.Count;
                    }
                }
                """);
        }

        private void WriteStats()
        {
            _w.Open($"public static class Stats{_s}");
            int methods = 8 + R(5);
            for (int m = 0; m < methods; m++)
            {
                if (m > 0)
                {
                    _w.Line();
                }

                WriteFiller($"Compute{m}");
            }

            _w.Close();
        }

        private void WriteHelper(int h)
        {
            string name = $"Helper{_s}{HelperLetters[h]}";
            _w.Open($"public sealed class {name}");
            _w.Raw($$"""
                public static readonly {{name}} Instance = new {{name}}();

                private readonly Dictionary<long, int> _seen = new Dictionary<long, int>();
                private int _calls;

                public int Calls => _calls;

                public static int Mix0(int a, int b) => unchecked((a * {{31 + R(200)}}) + b) ^ (a >> {{1 + R(7)}});

                public static int Mix1(int a, int b) => unchecked(a + (b * {{3 + R(50)}})) ^ {{R(1000)}};

                public static int Mix2(int a, int b) => Mix0(Mix1(a, b), a & {{1 + R(255)}});

                public int Remember(long key)
                {
                    _calls++;
                    _seen.TryGetValue(key, out int count);
                    _seen[key] = count + 1;
                    return count;
                }
                """);

            if (_plan.StepsByHelper.TryGetValue((_i, h), out List<Step>? steps))
            {
                foreach (Step step in steps.OrderBy(s => s.Chain).ThenBy(s => s.Index))
                {
                    _w.Line();
                    WriteStep(step);
                }
            }

            int fillers = 5 + R(5);
            for (int m = 0; m < fillers; m++)
            {
                _w.Line();
                WriteFiller($"Work{m}");
            }

            _w.Close();
        }

        private void WriteStep(Step step)
        {
            List<Step> chain = _plan.Chains[step.Chain];
            Step? next = step.IsLast ? null : chain[step.Index + 1];
            string modifiers = (step.IsPublic ? "public" : "internal") + (step.IsStatic ? " static" : string.Empty);
            if (step.Hop is Hop.ViaStage or Hop.ViaInterface)
            {
                string family = $"StageBase{step.StageFile % StageFamilies}";
                _w.Line($"private static readonly {family} s_stage{step.Chain}_{step.Index} = new Sub{step.StageFile:D3}.Stage{step.StageFile:D3}();");
                _w.Line();
            }

            if (step.HasProperty)
            {
                _w.Line($"public int Ch{step.Chain}P{step.Index} => Ch{step.Chain}S{step.Index}(Pool.Shared, {2 + R(6)});");
                _w.Line();
            }

            if (step.MarkedMayReclaim)
            {
                _w.Line("[MayReclaim]");
            }

            _w.Open($"{modifiers} int Ch{step.Chain}S{step.Index}(Pool pool, int n)");
            _w.Line($"int acc = unchecked((n * {3 + R(97)}) + {R(1000)});");
            switch (R(4))
            {
                case 0:
                    _w.Open($"for (int i = 0; i < (n & {3 + R(12)}); i++)");
                    _w.Line("acc ^= (acc << 3) + i;");
                    _w.Close();
                    break;
                case 1:
                    _w.Open($"if (acc % {2 + R(9)} == 0)");
                    _w.Line("acc = Mix2(acc, n);");
                    _w.Close();
                    break;
                case 2:
                    _w.Line("string tag = string.Concat(\"ch\", acc.ToString(CultureInfo.InvariantCulture));");
                    _w.Line("acc += tag.Length;");
                    break;
                default:
                    _w.Line($"acc = Mix0(acc, n + {R(50)});");
                    break;
            }

            _w.Line();
            if (next is null)
            {
                WriteTerminal(step.Terminal);
            }
            else
            {
                WriteHop(step, next);
            }

            _w.Line();
            _w.Line("return acc;");
            _w.Close();
        }

        private void WriteHop(Step step, Step next)
        {
            string call = _plan.Call(next, "pool", "n - 1");
            switch (step.Hop)
            {
                case Hop.Direct:
                    _w.Line($"acc += {call};");
                    break;
                case Hop.Guarded:
                    _w.Open($"if (n > {R(3)} || acc < 0)");
                    _w.Line($"acc += {call};");
                    _w.Close();
                    break;
                case Hop.Scoped:
                    _w.Open("using (NoFsScope.Enter())");
                    _w.Line($"acc += {call};");
                    _w.Close();
                    break;
                case Hop.ScopedDeclaration:
                    _w.Line("using var scope = NoFsScope.Enter();");
                    _w.Line($"acc += {call};");
                    break;
                case Hop.SaveRestore:
                    _w.Line("MemallocFlags saved = MemallocContext.Save(MemallocFlags.NoFs);");
                    _w.Open("try");
                    _w.Line($"acc += {call};");
                    _w.Close();
                    _w.Open("finally");
                    _w.Line("MemallocContext.Restore(saved);");
                    _w.Close();
                    break;
                case Hop.ViaProperty:
                    _w.Line($"acc += {_plan.Property(next)};");
                    break;
                case Hop.ViaStage:
                    _w.Line($"acc += s_stage{step.Chain}_{step.Index}.Run(pool, n) + s_stage{step.Chain}_{step.Index}.Cost;");
                    _w.Line($"acc += {call};");
                    break;
                case Hop.ViaInterface:
                    _w.Line($"IStage stage = s_stage{step.Chain}_{step.Index};");
                    _w.Line("acc += stage.Run(pool, n);");
                    _w.Line($"acc += {call};");
                    break;
            }
        }

        private void WriteTerminal(Terminal terminal)
        {
            switch (terminal)
            {
                case Terminal.Rent:
                    _w.Line("byte[] block = pool.Rent();");
                    _w.Line("acc += block.Length;");
                    break;
                case Terminal.RentNoFs:
                    _w.Line("byte[] block = pool.Rent(AllocFlags.NoFs);");
                    _w.Line("acc += block.Length;");
                    break;
                case Terminal.RentEffective:
                    _w.Line("byte[] block = pool.Rent(MemallocContext.Effective(AllocFlags.Default) & ~AllocFlags.Fs);");
                    _w.Line("acc += block.Length;");
                    break;
                case Terminal.Grow:
                    _w.Line("acc += pool.Grow(n + 16).Length;");
                    break;
                case Terminal.NewBuffer:
                    _w.Line("var buffer = new PageBuffer(n + 64);");
                    _w.Line("acc += buffer.Size;");
                    break;
                case Terminal.NewBufferNoIo:
                    _w.Line("var buffer = new PageBuffer(n + 64, AllocFlags.NoIo);");
                    _w.Line("acc += buffer.Size;");
                    break;
                case Terminal.RentArray:
                    _w.Line("int[] slots = pool.RentArray<int>(n + 1, AllocFlags.Default);");
                    _w.Line("acc += slots.Length;");
                    break;
                case Terminal.Legacy:
                    _w.Line("acc += LegacyHeap.Shared.Allocate(n + 8).Length;");
                    break;
                case Terminal.ScopedRent:
                    _w.Open("using (NoFsScope.Enter())");
                    _w.Line("acc += pool.Rent().Length;");
                    _w.Close();
                    break;
                default:
                    _w.Line("acc += n;");
                    break;
            }
        }

        private void WriteStage()
        {
            int family = _i % StageFamilies;
            _w.Open($"public sealed class Stage{_s} : StageBase{family}");
            _w.Line($"public override int Cost => {1 + R(9)};");
            _w.Line();
            _w.Open("public override int Run(Pool pool, int n)");
            _w.Line($"int budget = n + {R(16)};");
            _w.Open("while (budget > 0)");
            _w.Line($"budget -= {1 + R(4)};");
            _w.Close();
            _w.Line();

            // Families 0-2 never allocate; the others sometimes go down a chain.
            if (family >= 3 && Chance(35))
            {
                _w.Line($"budget += {_plan.CallEntry(_plan.RandomChain(), "pool", "n")};");
            }
            else if (Chance(30))
            {
                _w.Line("budget += pool.Rent(AllocFlags.NoWait).Length;");
            }

            _w.Line("return budget;");
            _w.Close();
            _w.Close();
        }

        /// <summary>A writeback or I/O callback body. <paramref name="pool"/> is in scope; returns via <paramref name="returns"/>.</summary>
        private void WriteCallbackBody(bool io, string pool, string count, string? pages, string returns)
        {
            string scope = io ? "NoIoScope" : "NoFsScope";
            bool wholeBody = Chance(10);
            if (wholeBody)
            {
                _w.Line($"using var scope = {scope}.Enter();");
            }

            _w.Line($"int written = {count};");
            if (pages is not null)
            {
                _w.Open($"foreach (Page page in {pages})");
                _w.Open("if (!page.Dirty)");
                _w.Line("continue;");
                _w.Close();
                _w.Line();
                _w.Line("page.Checksum = unchecked(page.Checksum * 31 + (int)page.Index);");
                _w.Line("written++;");
                _w.Close();
                _w.Line();
            }

            int r = R(100);
            if (r < 14)
            {
                _w.Line($"byte[] scratch = {pool}.Rent();");
                _w.Line("written += scratch.Length;");
            }
            else if (r < 26)
            {
                _w.Line($"byte[] header = {pool}.Rent({(io ? "AllocFlags.NoIo" : "AllocFlags.NoFs")});");
                _w.Line("written += header.Length;");
            }
            else if (r < 31)
            {
                _w.Line("var staging = new PageBuffer(512);");
                _w.Line("written += staging.Size;");
            }
            else if (r < 34)
            {
                _w.Line($"written += {pool}.Rent(MemallocContext.Effective(AllocFlags.Default)).Length;");
            }

            int calls = 1 + R(3);
            for (int c = 0; c < calls; c++)
            {
                string call = _plan.CallEntry(_plan.RandomChain(), pool, "written");
                int mode = R(100);
                if (mode < 58)
                {
                    _w.Line($"written += {call};");
                }
                else if (mode < 80)
                {
                    _w.Open($"using ({scope}.Enter())");
                    _w.Line($"written += {call};");
                    _w.Close();
                }
                else if (mode < 86)
                {
                    _w.Line($"MemallocFlags saved{c} = MemallocContext.Save(MemallocFlags.{(io ? "NoIo" : "NoFs")});");
                    _w.Line($"written += {call};");
                    _w.Line($"MemallocContext.Restore(saved{c});");
                }
                else if (mode < 93)
                {
                    _w.Line($"written += Step{c}(written);");
                    _w.Line();
                    _w.Line($"int Step{c}(int seen) => seen + {_plan.CallEntry(_plan.RandomChain(), pool, "seen")};");
                }
                else
                {
                    _w.Line($"EngineHooks.Now(() => written += {call});");
                }
            }

            _w.Line();
            _w.Line(returns);
        }

        private void WriteAops()
        {
            _w.Open($"public sealed class Aops{_s} : AddressSpaceOperations");
            _w.Line($"private readonly Service{_s} _service;");
            _w.Line("private readonly List<Page> _dirty = new List<Page>();");
            _w.Line();
            _w.Line($"public Aops{_s}(Service{_s} service) => _service = service;");
            _w.Line();
            _w.Line($"public override string Name => \"aops{_s}\";");
            _w.Line();
            _w.Open("public override int WritePages(WritebackControl wbc, Pool pool)");
            WriteCallbackBody(io: false, "pool", "_service.Flushes", "wbc.Pages", "return written;");
            _w.Close();

            if (Chance(50))
            {
                _w.Line();
                _w.Open("public override bool WritePage(Page page, Pool pool)");
                _w.Line("_dirty.Add(page);");
                WriteCallbackBody(io: false, "pool", "_dirty.Count", null, "return written > 0;");
                _w.Close();
            }

            if (Chance(30))
            {
                _w.Line();
                _w.Open("public override void SubmitBio(Bio bio, Pool pool)");
                WriteCallbackBody(io: true, "pool", "bio.Length", "bio.Pages", "bio.Length = written;");
                _w.Close();
            }

            if (Chance(50))
            {
                _w.Line();
                _w.Open("public override int ReadPage(Page page)");
                _w.Line($"int read = {_plan.CallEntry(_plan.RandomChain(), "Pool.Shared", "(int)page.Index")};");
                _w.Line("return _dirty.Count(p => p.Index == page.Index) + read;");
                _w.Close();
            }

            _w.Close();
        }

        private void WriteImplementer()
        {
            switch (_i % 4)
            {
                case 0:
                    _w.Open($"public sealed class Target{_s} : IWritebackTarget");
                    _w.Line($"public int Priority => {R(10)};");
                    _w.Line();
                    _w.Open("public void Flush(Pool pool, int reason)");
                    WriteCallbackBody(io: false, "pool", "reason", null, "_ = written;");
                    _w.Close();
                    _w.Close();
                    break;
                case 1:
                    _w.Open($"public sealed class Submitter{_s} : IBlockSubmitter");
                    _w.Open("public void Submit(Bio bio, Pool pool)");
                    WriteCallbackBody(io: true, "pool", "bio.Length", "bio.Pages", "bio.Sector += written;");
                    _w.Close();
                    _w.Close();
                    break;
                case 2:
                    _w.Open($"public sealed class Shrinker{_s} : IShrinker<Extent{_s}>");
                    _w.Line($"public long Count(Extent{_s} control) => control.Length / {1 + R(8)};");
                    _w.Line();
                    _w.Open($"public long Scan(Extent{_s} control, Pool pool)");
                    WriteCallbackBody(io: false, "pool", "(int)control.Length", null, "return written;");
                    _w.Close();
                    _w.Close();
                    break;
                default:
                    _w.Open($"public sealed class Super{_s} : SuperOperations");
                    _w.Open("public override void WriteInode(long ino, Pool pool)");
                    WriteCallbackBody(io: false, "pool", "(int)ino", null, "_ = written;");
                    _w.Close();
                    _w.Line();
                    _w.Open("public override void EvictInode(long ino, Pool pool)");
                    WriteCallbackBody(io: false, "pool", "(int)(ino & 0xFF)", null, "_ = written;");
                    _w.Close();
                    _w.Line();
                    _w.Line($"public override long Statfs() => {R(100_000)}L;");
                    _w.Close();
                    break;
            }
        }

        private void WriteService()
        {
            _w.Open($"public sealed class Service{_s}");
            _w.Raw($$"""
                private readonly Pool _pool;
                private readonly Cache{{_s}}<Key{{_s}}, Extent{{_s}}> _cache = new Cache{{_s}}<Key{{_s}}, Extent{{_s}}>({{64 + R(512)}});
                private int _flushes;

                public Service{{_s}}(Pool pool) => _pool = pool;

                public int Flushes => _flushes;

                public string Label { get; set; } = "svc{{_s}}";

                public Extent{{_s}}? Lookup(long ino, int slot) => _cache.TryGet(new Key{{_s}}(ino, slot), out Extent{{_s}}? extent) ? extent : null;

                public long Span() => _cache.Fold(0L, (acc, key, extent) => acc + extent.Length + key.Slot);

                """);
            _w.Open("public void Register()");
            _w.Open("EngineHooks.OnWriteback(pool =>");
            _w.Line("_flushes++;");
            WriteCallbackBody(io: false, "pool", "_flushes", null, "_cache.Add(new Key" + _s + "(written, _flushes), new Extent" + _s + "(written, 1));");
            _w.Close(");");
            if (Chance(40))
            {
                _w.Line();
                _w.Open("EngineHooks.OnIo(pool =>");
                WriteCallbackBody(io: true, "pool", "_flushes", null, "_flushes += written & 1;");
                _w.Close(");");
            }

            _w.Line();
            _w.Line($"EngineHooks.Later(() => _flushes += {_plan.CallEntry(_plan.RandomChain(), "_pool", "_flushes")});");
            _w.Line("EngineHooks.Now(() => _flushes += _cache.Count);");
            bool methodGroup = Chance(30);
            if (methodGroup)
            {
                _w.Line("EngineHooks.OnWriteback(FlushCold);");
            }

            _w.Close();
            if (methodGroup)
            {
                _w.Line();
                _w.Open("private void FlushCold(Pool pool)");
                WriteCallbackBody(io: false, "pool", "_cache.Count", null, "_flushes += written;");
                _w.Close();
            }

            if (_i % 20 == 0)
            {
                _w.Line();
                _w.Open("public void Sync(Pool pool)");
                WriteCallbackBody(io: false, "pool", "_flushes", null, "_flushes = written;");
                _w.Close();
            }

            _w.Line();
            _w.Open("public int Warm(int count)");
            _w.Line("int total = 0;");
            _w.Open("for (int i = 0; i < count; i++)");
            _w.Line($"total += {_plan.CallEntry(_plan.RandomChain(), "_pool", "i")};");
            _w.Close();
            _w.Line();
            _w.Line("return total;");
            _w.Close();

            int fillers = 3 + R(4);
            for (int m = 0; m < fillers; m++)
            {
                _w.Line();
                WriteFiller($"Report{m}");
            }

            _w.Close();
        }

        // ------------------------------------------------------------- ordinary code

        private void WriteFiller(string name)
        {
            int a = 1 + R(200);
            int b = 1 + R(200);
            string s = _s;
            string text = R(17) switch
            {
                0 => $$"""
                    public static int {{name}}(IReadOnlyList<int> values)
                    {
                        int hash = {{a}};
                        for (int i = 0; i < values.Count; i++)
                        {
                            hash = unchecked((hash * 31) ^ values[i]);
                            if ((hash & {{b}}) == 0)
                            {
                                hash += i;
                            }
                        }

                        return hash;
                    }
                    """,
                1 => $$"""
                    public static List<string> {{name}}(IEnumerable<string> names)
                    {
                        return names
                            .Where(n => n.Length > {{a % 7}})
                            .Select(n => n.Trim().ToUpperInvariant())
                            .Distinct(StringComparer.Ordinal)
                            .OrderBy(n => n, StringComparer.Ordinal)
                            .Take({{(b % 50) + 5}})
                            .ToList();
                    }
                    """,
                2 => $$"""
                    public static string {{name}}(IEnumerable<Extent{{s}}> extents)
                    {
                        var builder = new StringBuilder();
                        int index = 0;
                        foreach (Extent{{s}} extent in extents)
                        {
                            if (index++ > 0)
                            {
                                builder.Append(", ");
                            }

                            builder.Append(CultureInfo.InvariantCulture, $"[{extent.Start}..{extent.End})");
                        }

                        return builder.ToString();
                    }
                    """,
                3 => $$"""
                    public static Dictionary<string, int> {{name}}(string text)
                    {
                        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                        foreach (string word in text.Split(new[] { ' ', '\t', '\n' }, StringSplitOptions.RemoveEmptyEntries))
                        {
                            counts.TryGetValue(word, out int seen);
                            counts[word] = seen + {{(a % 3) + 1}};
                        }

                        return counts;
                    }
                    """,
                4 => $$"""
                    public static int {{name}}(State{{s}} state, int weight) => state switch
                    {
                        State{{s}}.Idle => weight,
                        State{{s}}.Dirty => weight * {{(a % 9) + 2}},
                        State{{s}}.Writeback => weight + {{b}},
                        State{{s}}.Clean => 0,
                        _ => -1,
                    };
                    """,
                5 => $$"""
                    public static T {{name}}<T>(IEnumerable<T> items, T fallback)
                        where T : IComparable<T>
                    {
                        bool any = false;
                        T best = fallback;
                        foreach (T item in items)
                        {
                            if (!any || item.CompareTo(best) > 0)
                            {
                                best = item;
                                any = true;
                            }
                        }

                        return best;
                    }
                    """,
                6 => $$"""
                    public static Extent{{s}} {{name}}(Extent{{s}} extent, long delta)
                    {
                        Extent{{s}} moved = extent with { Start = extent.Start + delta };
                        if (moved.Length > {{a * 16}})
                        {
                            moved = moved with { Length = moved.Length / 2 };
                        }

                        return moved.End < 0 ? new Extent{{s}}(0, moved.Length) : moved;
                    }
                    """,
                7 => $$"""
                    public static int[] {{name}}(string csv)
                    {
                        var result = new List<int>();
                        foreach (string part in csv.Split(','))
                        {
                            if (int.TryParse(part.AsSpan().Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
                            {
                                result.Add(value);
                            }
                            else
                            {
                                result.Add(-{{a}});
                            }
                        }

                        return result.ToArray();
                    }
                    """,
                8 => $$"""
                    public static string {{name}}(object? value)
                    {
                        switch (value)
                        {
                            case null:
                                return "null";
                            case int number when number > {{a}}:
                                return "big:" + number.ToString(CultureInfo.InvariantCulture);
                            case int number:
                                return "int:" + number.ToString(CultureInfo.InvariantCulture);
                            case string text:
                                return text.Length > {{(b % 20) + 1}} ? text.Substring(0, {{(b % 20) + 1}}) : text;
                            case Extent{{s}} extent:
                                return extent.ToString();
                            default:
                                return value.GetType().Name;
                        }
                    }
                    """,
                9 => $$"""
                    public static (long Total, int Max) {{name}}(Dictionary<Key{{s}}, int> table)
                    {
                        long total = 0;
                        int max = int.MinValue;
                        foreach ((Key{{s}} key, int value) in table)
                        {
                            total += value + key.Slot;
                            max = Math.Max(max, value);
                        }

                        return (total, max);
                    }
                    """,
                10 => $$"""
                    public static long {{name}}(int depth)
                    {
                        return Walk(depth, {{(a % 5) + 1}});

                        static long Walk(int remaining, long acc)
                        {
                            if (remaining <= 0)
                            {
                                return acc;
                            }

                            return Walk(remaining - 1, unchecked((acc * 3) + remaining));
                        }
                    }
                    """,
                11 => $$"""
                    public static async Task<int> {{name}}(IEnumerable<int> sizes)
                    {
                        int total = 0;
                        foreach (int size in sizes)
                        {
                            await Task.Yield();
                            total += size % {{(a % 13) + 2}};
                        }

                        return total;
                    }
                    """,
                12 => $$"""
                    public static IEnumerable<Key{{s}}> {{name}}(long ino, int count)
                    {
                        for (int slot = 0; slot < count; slot++)
                        {
                            if (slot % {{(a % 4) + 2}} == 0)
                            {
                                continue;
                            }

                            yield return new Key{{s}}(ino, slot);
                        }
                    }
                    """,
                13 => $$"""
                    public static IReadOnlyDictionary<int, long> {{name}}(IEnumerable<Extent{{s}}> extents)
                    {
                        return extents
                            .GroupBy(e => (int)(e.Start / {{(a * 64) + 64}}))
                            .ToDictionary(g => g.Key, g => g.Sum(e => e.Length));
                    }
                    """,
                14 => $$"""
                    public static int {{name}}(Pool pool, int count)
                    {
                        int total = 0;
                        for (int i = 0; i < count; i++)
                        {
                            byte[] block = pool.Rent(AllocFlags.NoFs);
                            total += block.Length + {{a}};
                        }

                        return total;
                    }
                    """,
                15 => $$"""
                    public static int {{name}}(int seed)
                    {
                        int value = seed;
                        value = {{Plan.TypeOf(1 + R(_plan.Subsystems), R(HelpersPerFile))}}.Mix{{R(3)}}(value, {{a}});
                        value = {{Plan.TypeOf(1 + R(_plan.Subsystems), R(HelpersPerFile))}}.Mix{{R(3)}}(value, {{b}});
                        if (value > {{a * b}})
                        {
                            value = {{Plan.TypeOf(1 + R(_plan.Subsystems), R(HelpersPerFile))}}.Mix{{R(3)}}(value, seed);
                        }

                        return value;
                    }
                    """,
                _ => $$"""
                    public static string {{name}}(IReadOnlyList<Key{{s}}> keys, State{{s}} state)
                    {
                        if (keys.Count == 0)
                        {
                            return string.Empty;
                        }

                        string prefix = state.ToString().ToLowerInvariant();
                        IEnumerable<string> parts = keys
                            .Where(k => k.Slot % {{(a % 5) + 1}} != 0)
                            .Select(k => string.Create(CultureInfo.InvariantCulture, $"{prefix}/{k.Ino:x}/{k.Slot}"));
                        return string.Join(";", parts);
                    }
                    """,
            };
            _w.Raw(text);
        }
    }

    // ------------------------------------------------------------------ text output

    private sealed class CodeWriter
    {
        private readonly StringBuilder _text = new(64 * 1024);
        private int _indent;

        public int Lines { get; private set; }

        public void Line(string line = "")
        {
            if (line.Length > 0)
            {
                _text.Append(' ', _indent * 4).Append(line);
            }

            _text.Append('\n');
            Lines++;
        }

        public void Open(string header)
        {
            Line(header);
            Line("{");
            _indent++;
        }

        public void Close(string suffix = "")
        {
            _indent--;
            Line("}" + suffix);
        }

        /// <summary>Writes a block of lines at the current indentation (a trailing newline in <paramref name="block"/> adds a blank line).</summary>
        public void Raw(string block)
        {
            foreach (string line in block.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                Line(line.TrimEnd());
            }
        }

        public override string ToString() => _text.ToString();
    }
}
