using System.Reflection;

namespace AdeTokens
{
    /// <summary>Module facts shared by the core and the cmdlets.</summary>
    public static class ModuleInfo
    {
        /// <summary>The module version.</summary>
        public static string Version { get; } =
            typeof(ModuleInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";
    }
}
