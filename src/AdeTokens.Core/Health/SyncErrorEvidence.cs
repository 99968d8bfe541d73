
namespace AdeTokens.Health
{
    /// <summary>How much a statement about a sync error code can be trusted.</summary>
    public enum SyncErrorEvidence : long
    {
        /// <summary>No mapping exists for the code.</summary>
        Unmapped = 0,
        /// <summary>Stated in Microsoft or Apple documentation.</summary>
        Documented = 1,
        /// <summary>Our inference; not documented.</summary>
        Inferred = 2,
        /// <summary>Seen by a third party; unverified by Microsoft.</summary>
        ThirdPartyObservation = 3,
    }
}
