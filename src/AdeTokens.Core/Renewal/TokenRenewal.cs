using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Clock;
namespace AdeTokens.Renewal
{
    /// <summary>
    /// The renewal path shared by Update-AdeToken and Start-AdeTokenRenewal: check the file, the recipient and
    /// the Apple ID, upload, then read the token back and insist that its expiry moved forward.
    /// </summary>
    public sealed class TokenRenewal
    {
        private static readonly Regex s_appleId = new Regex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant);

        private readonly Func<string, CancellationToken, Task<DepOnboardingSetting?>> _readToken;
        private readonly Func<string, CancellationToken, Task<string>> _readKey;
        private readonly Func<string, string, string, CancellationToken, Task> _upload;
        private readonly IPollClock _clock;

        /// <summary>Creates the renewal over a token reader, a public key reader and an uploader (usually AdeGraphService's).</summary>
        public TokenRenewal(
            Func<string, CancellationToken, Task<DepOnboardingSetting?>> readToken,
            Func<string, CancellationToken, Task<string>> readKey,
            Func<string, string, string, CancellationToken, Task> upload,
            IPollClock? clock = null)
        {
            _readToken = readToken ?? throw new ArgumentNullException(nameof(readToken));
            _readKey = readKey ?? throw new ArgumentNullException(nameof(readKey));
            _upload = upload ?? throw new ArgumentNullException(nameof(upload));
            _clock = clock ?? SystemPollClock.Instance;
        }

        /// <summary>The renewal over Graph.</summary>
        public static TokenRenewal ForGraph(AdeGraphService service)
        {
            if (service is null) throw new ArgumentNullException(nameof(service));
            return new TokenRenewal(service.GetTokenAsync, service.GetEncryptionPublicKeyAsync, service.UploadDepTokenAsync);
        }

        /// <summary>
        /// Every check before an upload, in order: the file (offline: missing, empty, too large, not S/MIME, not
        /// enveloped data, truncated), the token, the Apple ID, then the file's recipient against the token's
        /// current public key. Reads only; nothing is sent. Throws ServerTokenException, RemediationException or
        /// AdeGraphException.
        /// </summary>
        /// <param name="tokenId">The token id.</param>
        /// <param name="fullPath">The server token file, already resolved to a full file-system path.</param>
        /// <param name="appleId">-AppleId, or null for the token's own.</param>
        /// <param name="force">Allow a different Apple ID, and a recipient that cannot be confirmed.</param>
        /// <param name="cancellationToken">Ctrl+C.</param>
        public async Task<RenewalPlan> PrepareAsync(string tokenId, string fullPath, string? appleId, bool force, CancellationToken cancellationToken)
        {
            var file = ServerTokenFile.Load(fullPath);
            var token = await _readToken(tokenId, cancellationToken).ConfigureAwait(false) ?? throw RemediationException.TokenNotFound(tokenId);
            // The Apple ID needs only the token, so a wrong one is reported before the key is fetched.
            ResolveAppleId(token, appleId, force, RenewalPlan.Label(token), new List<string>());
            var key = EncryptionPublicKey.Parse(await _readKey(tokenId, cancellationToken).ConfigureAwait(false));
            return Plan(token, file, key, appleId, force);
        }

        /// <summary>Default for <see cref="ConfirmTimeout"/>: 5 minutes.</summary>
        public static readonly TimeSpan DefaultConfirmTimeout = TimeSpan.FromMinutes(5);

        /// <summary>
        /// How long to keep reading the token after the upload for its new expiry (default 5 minutes; zero reads once).
        /// No doc says when Intune shows the new expiry after uploadDepToken (UNVERIFIED), and Microsoft's VPP page says
        /// the new expiry "might take some time" there, so a lag is expected rather than treated as a failure.
        /// </summary>
        public TimeSpan ConfirmTimeout { get; set; } = DefaultConfirmTimeout;

        /// <summary>Time between those reads (default 10 s).</summary>
        public TimeSpan ConfirmDelay { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Checks the Apple ID and the file's recipient against the token and its current public key. Throws
        /// RemediationException (AppleId*) or ServerTokenException (TokenRecipient*); nothing is sent.
        /// </summary>
        /// <param name="token">The token, read from Graph.</param>
        /// <param name="file">The loaded server token file.</param>
        /// <param name="key">The token's current encryption public key.</param>
        /// <param name="appleId">-AppleId, or null for the token's own.</param>
        /// <param name="force">Allow a different Apple ID, and a recipient that cannot be confirmed, with warnings.</param>
        public static RenewalPlan Plan(DepOnboardingSetting token, ServerTokenFile file, EncryptionPublicKey key, string? appleId, bool force)
        {
            if (token is null) throw new ArgumentNullException(nameof(token));
            if (file is null) throw new ArgumentNullException(nameof(file));
            if (key is null) throw new ArgumentNullException(nameof(key));
            var warnings = new List<string>();
            var label = RenewalPlan.Label(token);
            var (resolved, differs) = ResolveAppleId(token, appleId, force, label, warnings);

            var match = file.CheckRecipient(key, out var reason);
            if (match != RecipientMatch.Match)
            {
                // Throws for a mismatch always, and for an unconfirmed match unless -Force.
                file.EnsureMatchesRecipient(key, allowUnconfirmed: force);
                warnings.Add($"{reason} Uploading anyway because -Force was given.");
            }
            return new RenewalPlan(token, file, resolved, differs, reason, warnings);
        }

        /// <summary>
        /// The Apple ID check alone, for the guided renewal to fail before the admin goes to Apple Business Manager.
        /// Throws RemediationException (AppleId*); returns the warnings for an allowed different Apple ID.
        /// </summary>
        public static IReadOnlyList<string> CheckAppleId(DepOnboardingSetting token, string? appleId, bool force)
        {
            if (token is null) throw new ArgumentNullException(nameof(token));
            var warnings = new List<string>();
            ResolveAppleId(token, appleId, force, RenewalPlan.Label(token), warnings);
            return warnings;
        }

        private static (string AppleId, bool Differs) ResolveAppleId(DepOnboardingSetting token, string? requested, bool force, string label, List<string> warnings)
        {
            var original = token.AppleIdentifier?.Trim();
            var given = requested?.Trim();
            if (string.IsNullOrEmpty(given))
            {
                if (string.IsNullOrEmpty(original))
                {
                    throw new RemediationException(RemediationErrorIds.AppleIdRequired, RemediationErrorKind.InvalidArgument,
                        $"Intune reports no Apple ID for {label}, so the Apple ID to renew with must be given.",
                        "Run the command again with -AppleId and the Managed Apple ID that created the token in Apple Business Manager.",
                        token.Id);
                }
                return (original!, false);
            }

            if (!s_appleId.IsMatch(given))
            {
                throw new RemediationException(RemediationErrorIds.AppleIdInvalid, RemediationErrorKind.InvalidArgument,
                    $"'{given}' is not an Apple ID: Apple IDs look like an email address (name@example.com).",
                    string.IsNullOrEmpty(original) ? "Pass the Managed Apple ID that created the token." : $"Leave out -AppleId to use the token's own Apple ID, {original}.",
                    requested);
            }

            if (string.IsNullOrEmpty(original) || string.Equals(original, given, StringComparison.OrdinalIgnoreCase))
                return (given!, false);

            if (!force)
            {
                throw new RemediationException(RemediationErrorIds.AppleIdMismatch, RemediationErrorKind.InvalidArgument,
                    $"The Apple ID '{given}' is not the one that created {label} ({original}). Microsoft says to renew with the Apple ID that created the token; nothing was uploaded.",
                    $"Leave out -AppleId to renew with {original}. Use -Force only if you mean to change the token's Apple ID to '{given}': Microsoft documents that the change doesn't affect devices already enrolled with the token until they re-enroll.",
                    requested);
            }
            warnings.Add($"Renewing {label} with the Apple ID '{given}', not the one that created it ({original}), because -Force was given. Microsoft documents that changing the Apple ID used to create the token doesn't affect currently enrolled devices with that token until they re-enroll.");
            return (given!, true);
        }

        /// <summary>
        /// Uploads the planned file, then reads the token back until its expiry moved forward. Throws
        /// AdeGraphException for Graph failures and RemediationException RenewalNotApplied when the expiry did not move.
        /// </summary>
        public async Task<RenewalResult> ApplyAsync(RenewalPlan plan, string? tenantId, CancellationToken cancellationToken)
        {
            if (plan is null) throw new ArgumentNullException(nameof(plan));
            var id = plan.Token.Id ?? string.Empty;
            var before = TokenStatusBuilder.Never(plan.Token.TokenExpirationDateTime);
            await _upload(id, plan.AppleId, plan.File.TextForUpload, cancellationToken).ConfigureAwait(false);

            DepOnboardingSetting? after = null;
            DateTimeOffset? expiry = null;
            var started = _clock.UtcNow;
            var reads = 0;
            var delay = ConfirmDelay > TimeSpan.Zero ? ConfirmDelay : TimeSpan.FromSeconds(1);
            while (true)
            {
                after = await _readToken(id, cancellationToken).ConfigureAwait(false) ?? throw RemediationException.TokenNotFound(id);
                reads++;
                expiry = TokenStatusBuilder.Never(after.TokenExpirationDateTime);
                if (Moved(before, expiry) || _clock.UtcNow - started + delay > ConfirmTimeout) break;
                await _clock.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            if (!Moved(before, expiry))
            {
                // Not "an older server token": the file's own expiry is encrypted for Intune's key and can't be read here,
                // so nothing proves it older. What is known is that the new expiry isn't visible yet.
                var was = before.HasValue ? InvariantText.UtcSeconds(before.Value) : "unknown";
                var now = expiry.HasValue ? InvariantText.UtcSeconds(expiry.Value) : "unknown";
                var waited = _clock.UtcNow - started;
                throw new RemediationException(RemediationErrorIds.RenewalNotApplied, RemediationErrorKind.InvalidResult,
                    $"Intune accepted the server token for {plan.TokenLabel}, but the new expiry is not yet visible: after {reads} read(s) over {(int)waited.TotalSeconds} s the token still shows {now} (it was {was} before the upload). Microsoft doesn't document how long Intune takes to show it, so this does not mean the upload failed.",
                    $"Check again in a few minutes with Get-AdeTokenStatus -Id {id}, or wait longer next time with -ExpiryWaitSeconds. If the expiry still hasn't moved after an hour, the file may not be the newest server token for this MDM server: Download a new server token for it in Apple Business Manager (each download invalidates the earlier ones) and upload it with Update-AdeToken at once.",
                    plan.File.Source);
            }

            var renewedAt = _clock.UtcNow;
            return new RenewalResult
            {
                TokenId = id,
                TokenName = after!.TokenName ?? plan.Token.TokenName,
                AppleId = plan.AppleId,
                PreviousExpirationDateTime = before,
                ExpirationDateTime = expiry,
                DaysUntilExpiry = expiry.HasValue ? TokenStatusBuilder.DaysUntil(expiry.Value, renewedAt) : (int?)null,
                TokenFile = plan.File.Source,
                RecipientCheck = plan.RecipientCheck,
                Token = TokenStatusBuilder.Build(after, renewedAt, null, tenantId),
                RenewedAt = renewedAt,
            };
        }

        private static bool Moved(DateTimeOffset? before, DateTimeOffset? after)
            => after.HasValue && (!before.HasValue || after.Value > before.Value);
    }
}
