using System.Runtime.CompilerServices;

namespace AdeTokens.Graph.Json
{
    /// <summary>
    /// The few methods that run once per field of every device of a page (200,000 devices is two million fields).
    /// Compiled fully optimized on their first call instead of going through .NET's tiers (quick JIT, then an
    /// instrumented copy, then the optimized one once the process has been quiet for 100 ms). PowerShell keeps
    /// compiling new code while a command runs, so those tiers came late: in a profile of the third and fourth runs of
    /// a 100 tokens x 2,000 devices check, these methods still ran their instrumented copies (bench/RESULTS.md).
    /// </summary>
    internal static class HotPath
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (.NET Core 3.0 and later), by value: netstandard2.0 does not name it.
        /// .NET Framework predates the flag; Mono (the net472 test run) accepts it, and Windows PowerShell 5.1 is not run
        /// here (docs/windows-powershell.md).
        /// </summary>
        public const MethodImplOptions FullyOptimized = (MethodImplOptions)512;
    }
}
