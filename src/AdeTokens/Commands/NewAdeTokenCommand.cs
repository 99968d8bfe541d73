using System;
using System.Management.Automation;
using AdeTokens.Graph.Models;
using AdeTokens.Renewal;

namespace AdeTokens.Commands
{
    // Microsoft's troubleshooting article: an invalid token "will need to have a new token created in Intune", whose
    // public key can be uploaded to the existing MDM server in ABM/ASM. This is that first half; Update-AdeToken uploads
    // the server token Apple then issues.
    [Cmdlet(VerbsCommon.New, "AdeToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(TokenStatus))]
    public sealed class NewAdeTokenCommand : AdeGraphCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 200)]
        public string Name { get; set; } = string.Empty;

        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? KeyPath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AppleId { get; set; }

        [Parameter]
        [ValidateSet("dep", "appleSchoolManager", IgnoreCase = true)]
        public string TokenType { get; set; } = "dep";

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            string? path = null;
            try
            {
                if (KeyPath != null)
                {
                    path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyPath);
                    // Checked before the token is created, so a refused path leaves nothing half-made.
                    PublicKeyExport.CheckPath(path, "-KeyPath path", Force);
                }

                var type = string.Equals(TokenType, "appleSchoolManager", StringComparison.OrdinalIgnoreCase) ? "appleSchoolManager" : "dep";
                var action = "Create an ADE token (POST depOnboardingSettings), agreeing to send user and device information to Apple as the admin center's \"I agree\" does"
                    + (path != null ? $", and write its public key to '{path}'" : string.Empty);
                if (!ShouldProcess($"ADE token '{Name}'", action)) return;

                var created = RunAsync((_, ct) => Service.CreateTokenAsync(new NewTokenBody { TokenName = Name, AppleIdentifier = AppleId, TokenType = type }, ct));
                var id = created.Id ?? string.Empty;
                var label = Records.Label(created);
                WriteVerbose($"Created {label}.");
                if (path != null) WriteKey(id, path);

                Records.WriteSteps(this, $"Created {label}. Next steps:", new[]
                {
                    path != null ? $"The public key is in {path}." : $"Save the token's public key: Get-AdeTokenPublicKey -Id {id} -OutFile ./intune-public-key.pem",
                    $"In Apple Business Manager or Apple School Manager, {RenewalGuide.AbmServerPath}. To replace an invalid token, edit that existing MDM server and upload this public key (Microsoft's fix for an invalid token); otherwise add an MDM server with it. Then download that server's server token (.p7m).",
                    $"Upload it to the new token: Update-AdeToken -Id {id} -TokenFile <the .p7m> -AppleId <the Managed Apple ID that downloaded it>",
                    "Then sync (Sync-AdeToken), create or edit the enrollment profiles (profiles created before the upload need an edit and a sync, or ADE enrollment doesn't start), and set a default profile for each platform.",
                });
                WriteObject(TokenStatusBuilder.Build(created, DateTimeOffset.UtcNow, null, ConnectedTenantId));
            }
            catch (Io.PathIsFolderException e)
            {
                WriteError(ErrorRecords.From(e, KeyPath));
            }
            catch (AdeException e)
            {
                WriteError(ErrorRecords.FromOr(e, Name));
            }
        }

        // The token exists by now: a failure here is reported, and the token is still output with its steps.
        private void WriteKey(string id, string path)
        {
            try
            {
                // The token was just returned by the create: read only its key, not the token again.
                var key = Renewal.EncryptionPublicKey.Parse(RunAsync((_, ct) => Service.GetEncryptionPublicKeyAsync(id, ct)));
                PublicKeyExport.Write(path, key, Force);
                WriteVerbose($"Graph returned the key as {key.Format}: {key}.");
            }
            catch (AdeException e)
            {
                WriteError(ErrorRecords.FromOr(e, id));
            }
        }
    }
}
