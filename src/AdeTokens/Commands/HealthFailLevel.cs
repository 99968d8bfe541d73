namespace AdeTokens.Commands
{
    /// <summary>Where Test-AdeTokenHealth's -FailOn draws the line.</summary>
    public enum HealthFailLevel : long
    {
        /// <summary>Never fail.</summary>
        None,
        /// <summary>Fail on Warning or Critical.</summary>
        Warning,
        /// <summary>Fail on Critical only.</summary>
        Critical,
    }
}
