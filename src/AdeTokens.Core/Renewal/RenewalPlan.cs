using System.Collections.Generic;
using AdeTokens.Graph.Models;
namespace AdeTokens.Renewal
{
    /// <summary>Everything checked before an upload: what will be sent and the warnings to show first.</summary>
    public sealed class RenewalPlan
    {
        internal RenewalPlan(DepOnboardingSetting token, ServerTokenFile file, string appleId, bool appleIdDiffers, string recipientCheck, IReadOnlyList<string> warnings)
        {
            Token = token;
            File = file;
            AppleId = appleId;
            AppleIdDiffers = appleIdDiffers;
            RecipientCheck = recipientCheck;
            Warnings = warnings;
        }

        /// <summary>The token as read before the upload.</summary>
        public DepOnboardingSetting Token { get; }
        /// <summary>The checked server token file.</summary>
        public ServerTokenFile File { get; }
        /// <summary>The Apple ID to send.</summary>
        public string AppleId { get; }
        /// <summary>True when it is not the token's own Apple ID (allowed only with -Force).</summary>
        public bool AppleIdDiffers { get; }
        /// <summary>How the file's recipient matched the token's public key.</summary>
        public string RecipientCheck { get; }
        /// <summary>Warnings the cmdlet shows before asking to confirm.</summary>
        public IReadOnlyList<string> Warnings { get; }
        /// <summary>"'Name' (id)" for messages.</summary>
        public string TokenLabel => Label(Token);

        internal static string Label(DepOnboardingSetting t)
            => string.IsNullOrWhiteSpace(t.TokenName) ? $"ADE token {t.Id}" : $"ADE token '{t.TokenName}' ({t.Id})";
    }
}
