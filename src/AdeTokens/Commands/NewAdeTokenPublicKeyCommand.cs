using System.Management.Automation;
using AdeTokens.Renewal;

namespace AdeTokens.Commands
{
    // generateEncryptionPublicKey: Intune makes a new key pair for the token. Whether the server token in use keeps
    // working afterwards is UNVERIFIED (a server token is encrypted to the old key), hence ConfirmImpact High.
    [Cmdlet(VerbsCommon.New, "AdeTokenPublicKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = IdSet)]
    [OutputType(typeof(EncryptionPublicKeyInfo))]
    public sealed class NewAdeTokenPublicKeyCommand : AdeTokenCmdletBase
    {
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (!NextToken()) return;
            string? path = null;
            try
            {
                if (OutFile != null)
                {
                    path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
                    PublicKeyExport.CheckPath(path, "-OutFile path", Force);
                }
                var token = GetTokenOrWriteError(Id);
                if (token is null) return;
                var label = Records.Label(token);
                if (!ShouldProcess(label, "Generate a new public key (generateEncryptionPublicKey). Server tokens made for the current key may stop working (UNVERIFIED)")) return;

                var key = EncryptionPublicKey.Parse(RunAsync((_, ct) => Service.GenerateEncryptionPublicKeyAsync(Id, ct)));
                WriteVerbose($"Graph returned the new key as {key.Format}: {key}.");
                if (path != null) PublicKeyExport.Write(path, key, Force);
                WriteWarning($"{label} has a new public key. Upload it to the token's MDM server in Apple Business Manager or Apple School Manager, download a new server token there, and upload that with Update-AdeToken -Id {token.Id ?? Id}; a server token made for the old key may no longer be accepted.");
                WriteObject(EncryptionPublicKeyInfo.From(key, token.Id ?? Id, token.TokenName, path));
            }
            catch (Io.PathIsFolderException e)
            {
                WriteError(ErrorRecords.From(e, OutFile));
            }
            catch (AdeException e)
            {
                WriteError(ErrorRecords.FromOr(e, Id));
            }
        }
    }
}
