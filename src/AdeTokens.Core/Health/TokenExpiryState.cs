
namespace AdeTokens.Health
{
    /// <summary>Token expiry as far as the unmapped-code guidance cares: it decides which cause is most likely.</summary>
    public enum TokenExpiryState : long
    {
        /// <summary>Intune reports no expiry date.</summary>
        Unknown = 0,
        /// <summary>The expiry date has passed.</summary>
        Expired = 1,
        /// <summary>The expiry date is still ahead.</summary>
        Valid = 2,
    }
}
