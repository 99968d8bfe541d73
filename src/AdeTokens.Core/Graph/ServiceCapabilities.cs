namespace AdeTokens.Graph
{
    /// <summary>
    /// Answers from the service that are remembered for the life of a connection, so a request Graph rejected
    /// once (an undocumented query option) is not sent again for every token.
    /// </summary>
    public sealed class ServiceCapabilities
    {
        /// <summary>Whether depOnboardingSettings?$expand=enrollmentProfiles works: null until tried.</summary>
        public bool? ExpandProfiles { get; set; }
        /// <summary>Whether $select works on importedAppleDeviceIdentities: null until tried.</summary>
        public bool? SelectDevices { get; set; }
        /// <summary>Whether JSON $batch works on the beta endpoint: null until tried.</summary>
        public bool? Batch { get; set; }
    }
}
