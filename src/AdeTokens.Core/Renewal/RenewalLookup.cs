using AdeTokens.Graph.Models;
namespace AdeTokens.Renewal
{
    /// <summary>What the guided renewal looked up before it asks to go ahead.</summary>
    public sealed class RenewalLookup
    {
        internal RenewalLookup(DepOnboardingSetting token, EncryptionPublicKey key)
        {
            Token = token;
            Key = key;
        }

        /// <summary>The token.</summary>
        public DepOnboardingSetting Token { get; }
        /// <summary>Its current public key.</summary>
        public EncryptionPublicKey Key { get; }
        /// <summary>"'Name' (id)" for messages.</summary>
        public string Label => TokenLabel.Of(Token);
    }
}
