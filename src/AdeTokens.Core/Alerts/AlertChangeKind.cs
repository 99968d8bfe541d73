namespace AdeTokens.Alerts
{
    /// <summary>What changed for one token since the last alert.</summary>
    public enum AlertChangeKind : long
    {
        /// <summary>A token newly at or above the minimum status, or a new finding on one that already was.</summary>
        NewProblem,
        /// <summary>The token's status went up (Warning to Critical).</summary>
        Worse,
        /// <summary>A problem went away: the token dropped below the minimum status, its status went down, or a finding cleared.</summary>
        Resolved,
    }
}
