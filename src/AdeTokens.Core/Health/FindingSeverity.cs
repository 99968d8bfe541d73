
namespace AdeTokens
{
    /// <summary>How bad one finding is. Info is context and never makes a token unhealthy.</summary>
    public enum FindingSeverity : long
    {
        /// <summary>Context worth knowing; no action needed.</summary>
        Info = 0,
        /// <summary>Needs attention soon.</summary>
        Warning = 1,
        /// <summary>Broken now, or about to be.</summary>
        Critical = 2,
    }
}
