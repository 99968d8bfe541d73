using System;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Remediation;
using AdeTokens.Renewal;

namespace AdeTokens.Commands
{
    // generateEncryptionPublicKey: Intune makes a new key pair for the token. Whether the server token in use keeps
    // working afterwards is UNVERIFIED (a server token is encrypted to the old key), hence ConfirmImpact High.
    [Cmdlet(VerbsCommon.New, "AdeTokenPublicKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = IdSet)]
    [OutputType(typeof(EncryptionPublicKeyInfo))]
    public sealed class NewAdeTokenPublicKeyCommand : AdeCmdletBase
    {
        private const string IdSet = "Id";
        private const string InputSet = "InputObject";

        // Not by property name, as in Get-AdeTokenPublicKey: a device or profile also has an Id.
        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0)]
        [Alias("TokenId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string Id { get; set; } = string.Empty;

        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        private readonly System.Collections.Generic.HashSet<string> _seen = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void BeginProcessing()
        {
            UseGraph();
        }

        protected override void ProcessRecord()
        {
            if (InputObject != null)
            {
                var piped = PipedTokenId(InputObject);
                if (string.IsNullOrWhiteSpace(piped) || !_seen.Add(piped!)) return;
                Id = piped!;
            }
            string? path = null;
            if (OutFile != null)
            {
                path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
                if (Io.FolderPath.Check(path, "-OutFile path", "public_key.pem") is Io.PathIsFolderException folder)
                {
                    WriteError(RemediationErrors.From(folder, OutFile));
                    return;
                }
                if (!Force && System.IO.File.Exists(path))
                {
                    WriteError(RemediationErrors.From(KeyFile.Exists(path)));
                    return;
                }
            }

            DepOnboardingSetting? token;
            try
            {
                token = RunAsync((_, ct) => Service!.GetTokenAsync(Id, ct));
            }
            catch (AdeGraphException e)
            {
                WriteError(GraphError(e, Id));
                return;
            }
            if (token is null)
            {
                WriteError(RemediationErrors.From(RemediationException.TokenNotFound(Id)));
                return;
            }
            var label = RemediationErrors.Label(token);
            if (!ShouldProcess(label, "Generate a new public key (generateEncryptionPublicKey). Server tokens made for the current key may stop working (UNVERIFIED)")) return;

            EncryptionPublicKey key;
            try
            {
                key = EncryptionPublicKey.Parse(RunAsync((_, ct) => Service!.GenerateEncryptionPublicKeyAsync(Id, ct)));
            }
            catch (AdeGraphException e)
            {
                WriteError(GraphError(e, Id));
                return;
            }
            catch (ServerTokenException e)
            {
                WriteError(RemediationErrors.From(e));
                return;
            }
            WriteVerbose($"Graph returned the new key as {key.Format}: {key}.");

            if (path != null)
            {
                try
                {
                    KeyFile.Write(path, key.ToPem(), Force);
                }
                catch (RemediationException e)
                {
                    WriteError(RemediationErrors.From(e));
                    return;
                }
            }
            WriteWarning($"{label} has a new public key. Upload it to the token's MDM server in Apple Business Manager or Apple School Manager, download a new server token there, and upload that with Update-AdeToken -Id {token.Id ?? Id}; a server token made for the old key may no longer be accepted.");
            WriteObject(EncryptionPublicKeyInfo.From(key, token.Id ?? Id, token.TokenName, path));
        }
    }
}
