using System;
using AdeTokens.Graph.Models;
namespace AdeTokens.Sync
{
    /// <summary>What Sync-AdeToken decided about one token before asking: the gate, and what to tell the admin.</summary>
    public sealed class SyncRequestPlan
    {
        internal SyncRequestPlan(DepOnboardingSetting token, SyncGate gate, RemediationException? refusal, string? forcedWarning, SyncBlocker? blocker)
        {
            Token = token;
            Gate = gate;
            Refusal = refusal;
            ForcedWarning = forcedWarning;
            Blocker = blocker;
        }

        /// <summary>The token as read before the request.</summary>
        public DepOnboardingSetting Token { get; }
        /// <summary>"'Name' (id)" for messages.</summary>
        public string Label => TokenLabel.Of(Token);
        /// <summary>The manual-sync interval check.</summary>
        public SyncGate Gate { get; }
        /// <summary>SyncTooSoon when the interval has not passed and -Force was not given; then nothing is sent.</summary>
        public RemediationException? Refusal { get; }
        /// <summary>The warning for a sync sent inside the interval because of -Force.</summary>
        public string? ForcedWarning { get; }
        /// <summary>Why a sync cannot fix this token (expired, terms not accepted), or null.</summary>
        public SyncBlocker? Blocker { get; }
        /// <summary>Apple Business Manager or Apple School Manager, for the ShouldProcess text.</summary>
        public string Portal => SyncUsefulness.PortalName(Token.TokenType);

        /// <summary>The ShouldProcess action.</summary>
        public string Action => $"Request a sync with {Portal} (syncWithAppleDeviceEnrollmentProgram)";

        /// <summary>Whether -Wait waits for this sync: not for one that cannot fix the token, unless -WaitAll.</summary>
        public bool Waits(bool wait, bool waitAll) => wait && (Blocker is null || waitAll);

        /// <summary>The warning for a wait on a token that already reports an error code; null when it reports none.</summary>
        public string? ExistingErrorWarning(TimeSpan timeout)
            => (Token.LastSyncErrorCode ?? 0) == 0 ? null : SyncService.ExistingErrorWarning(Label, Token.LastSyncErrorCode!.Value, timeout);
    }
}
