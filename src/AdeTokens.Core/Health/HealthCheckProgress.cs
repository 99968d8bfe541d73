namespace AdeTokens.Health
{
    /// <summary>How far a health check has got.</summary>
    public sealed class HealthCheckProgress
    {
        /// <summary>Tokens whose facts are all read.</summary>
        public int TokensDone { get; set; }
        /// <summary>Tokens to check.</summary>
        public int TokensTotal { get; set; }
        /// <summary>Devices read so far, all tokens together.</summary>
        public long DevicesRead { get; set; }
        /// <summary>Devices the tokens report (syncedDeviceCount), for a percentage; 0 when unknown.</summary>
        public long DevicesExpected { get; set; }
    }
}
