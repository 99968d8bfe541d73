using System;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Remediation;
using AdeTokens.Renewal;

namespace AdeTokens.Commands
{
    // Microsoft's troubleshooting article: an invalid token "will need to have a new token created in Intune", whose
    // public key can be uploaded to the existing MDM server in ABM/ASM. This is that first half; Update-AdeToken uploads
    // the server token Apple then issues.
    [Cmdlet(VerbsCommon.New, "AdeToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(TokenStatus))]
    public sealed class NewAdeTokenCommand : AdeCmdletBase
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

        protected override void BeginProcessing()
        {
            UseGraph();
        }

        protected override void ProcessRecord()
        {
            string? path = null;
            if (KeyPath != null)
            {
                path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyPath);
                if (Io.FolderPath.Check(path, "-KeyPath path", "public_key.pem") is Io.PathIsFolderException folder)
                {
                    WriteError(RemediationErrors.From(folder, KeyPath));
                    return;
                }
                // Checked before the token is created, so a refused overwrite leaves nothing half-made.
                if (!Force && System.IO.File.Exists(path))
                {
                    WriteError(RemediationErrors.From(KeyFile.Exists(path)));
                    return;
                }
            }

            var type = string.Equals(TokenType, "appleSchoolManager", StringComparison.OrdinalIgnoreCase) ? "appleSchoolManager" : "dep";
            var action = "Create an ADE token (POST depOnboardingSettings), agreeing to send user and device information to Apple as the admin center's \"I agree\" does"
                + (path != null ? $", and write its public key to '{path}'" : string.Empty);
            if (!ShouldProcess($"ADE token '{Name}'", action)) return;

            DepOnboardingSetting created;
            try
            {
                created = RunAsync((_, ct) => Service!.CreateTokenAsync(new NewTokenBody { TokenName = Name, AppleIdentifier = AppleId, TokenType = type }, ct));
            }
            catch (AdeGraphException e)
            {
                WriteError(GraphError(e, Name));
                return;
            }
            var id = created.Id ?? string.Empty;
            var label = RemediationErrors.Label(created);
            WriteVerbose($"Created {label}.");

            if (path != null)
            {
                try
                {
                    var key = EncryptionPublicKey.Parse(RunAsync((_, ct) => Service!.GetEncryptionPublicKeyAsync(id, ct)));
                    KeyFile.Write(path, key.ToPem(), Force);
                    WriteVerbose($"Graph returned the key as {key.Format}: {key}.");
                }
                catch (AdeGraphException e)
                {
                    WriteError(GraphError(e, id));
                }
                catch (ServerTokenException e)
                {
                    WriteError(RemediationErrors.From(e));
                }
                catch (RemediationException e)
                {
                    WriteError(RemediationErrors.From(e));
                }
            }

            RemediationErrors.WriteSteps(this, $"Created {label}. Next steps:", new[]
            {
                path != null ? $"The public key is in {path}." : $"Save the token's public key: Get-AdeTokenPublicKey -Id {id} -OutFile ./intune-public-key.pem",
                $"In Apple Business Manager or Apple School Manager, {RenewalGuide.AbmServerPath}. To replace an invalid token, edit that existing MDM server and upload this public key (Microsoft's fix for an invalid token); otherwise add an MDM server with it. Then download that server's server token (.p7m).",
                $"Upload it to the new token: Update-AdeToken -Id {id} -TokenFile <the .p7m> -AppleId <the Managed Apple ID that downloaded it>",
                "Then sync (Sync-AdeToken), create or edit the enrollment profiles (profiles created before the upload need an edit and a sync, or ADE enrollment doesn't start), and set a default profile for each platform.",
            });
            WriteObject(TokenStatusBuilder.Build(created, DateTimeOffset.UtcNow, null, ConnectedTenantId));
        }
    }
}
