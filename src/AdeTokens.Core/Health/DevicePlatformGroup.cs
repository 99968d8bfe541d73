namespace AdeTokens.Health
{
    /// <summary>The platform groups that have a default enrollment profile of their own on a token.</summary>
    public enum DevicePlatformGroup : long
    {
        /// <summary>iOS and iPadOS (Graph reports both as "ios").</summary>
        IosIpados = 0,
        /// <summary>macOS.</summary>
        MacOs = 1,
        /// <summary>Unknown, or a platform added later: no default profile can cover it.</summary>
        Other = 2,
        /// <summary>tvOS (Graph's platform value "tvos").</summary>
        TvOs = 3,
        /// <summary>visionOS.</summary>
        VisionOs = 4,
    }
}
