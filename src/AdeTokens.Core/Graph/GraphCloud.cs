namespace AdeTokens.Graph
{
    /// <summary>The national clouds Graph runs in.</summary>
    public enum GraphCloud : long
    {
        /// <summary>Global service (also plain GCC).</summary>
        Global,
        /// <summary>US Government L4 (GCC High).</summary>
        USGov,
        /// <summary>US Government L5 (DoD).</summary>
        USGovDoD,
        /// <summary>China, operated by 21Vianet.</summary>
        China,
    }
}
