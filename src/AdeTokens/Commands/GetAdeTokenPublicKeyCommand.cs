using System;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Remediation;
using AdeTokens.Renewal;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsCommon.Get, "AdeTokenPublicKey", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(EncryptionPublicKeyInfo))]
    public sealed class GetAdeTokenPublicKeyCommand : AdeGraphCmdletBase
    {
        private const string ObjectSet = "Object";
        private const string FileSet = "File";
        private const string InputSet = "InputObject";
        private const string InputFileSet = "InputObjectFile";

        // Not by property name: a device or profile also has an Id. Piped objects bind InputObject.
        [Parameter(ParameterSetName = ObjectSet, Mandatory = true, Position = 0)]
        [Parameter(ParameterSetName = FileSet, Mandatory = true, Position = 0)]
        [Alias("TokenId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string Id { get; set; } = string.Empty;

        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        [Parameter(ParameterSetName = InputFileSet, Mandatory = true, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter(ParameterSetName = FileSet, Mandatory = true, Position = 1)]
        [Parameter(ParameterSetName = InputFileSet, Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string OutFile { get; set; } = string.Empty;

        [Parameter(ParameterSetName = FileSet)]
        [Parameter(ParameterSetName = InputFileSet)]
        public SwitchParameter Force { get; set; }

        private readonly System.Collections.Generic.HashSet<string> _seen = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);


        protected override void ProcessRecord()
        {
            if (InputObject != null)
            {
                var piped = PipelineInput.TokenId(this, InputObject);
                if (string.IsNullOrWhiteSpace(piped) || !_seen.Add(piped!)) return;
                Id = piped!;
            }
            string? path = null;
            if (ParameterSetName == FileSet || ParameterSetName == InputFileSet)
            {
                path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
                // A folder is refused even with -Force: Force overwrites a file, it never replaces a folder.
                if (Io.FolderPath.Check(path, "-OutFile path", "public_key.pem") is Io.PathIsFolderException folder)
                {
                    WriteError(ErrorRecords.From(folder, OutFile));
                    return;
                }
                // Checked before any Graph call so a refused overwrite costs nothing; Write checks again atomically.
                if (!Force && System.IO.File.Exists(path))
                {
                    WriteError(ErrorRecords.From(KeyFile.Exists(path)));
                    return;
                }
            }

            DepOnboardingSetting? token;
            string raw;
            try
            {
                token = RunAsync((_, ct) => Service.GetTokenAsync(Id, ct));
                if (token is null)
                {
                    WriteError(ErrorRecords.From(RemediationException.TokenNotFound(Id)));
                    return;
                }
                raw = RunAsync((_, ct) => Service.GetEncryptionPublicKeyAsync(Id, ct));
            }
            catch (AdeGraphException e)
            {
                WriteError(ErrorRecords.From(e, Id));
                return;
            }

            EncryptionPublicKey key;
            try
            {
                key = EncryptionPublicKey.Parse(raw);
            }
            catch (ServerTokenException e)
            {
                WriteError(ErrorRecords.From(e));
                return;
            }
            WriteVerbose($"Graph returned the key as {key.Format}: {key}.");

            var label = Records.Label(token);
            if (path != null)
            {
                try
                {
                    KeyFile.Write(path, key.ToPem(), Force);
                }
                catch (RemediationException e)
                {
                    WriteError(ErrorRecords.From(e));
                    return;
                }
                Records.WriteSteps(this, $"Wrote the public key of {label} to {path}. Next steps:", RenewalGuide.AbmSteps(label, path, null));
                WriteWarning(RenewalGuide.DownloadInvalidatesWarning);
            }
            WriteObject(EncryptionPublicKeyInfo.From(key, token.Id ?? Id, token.TokenName, path));
        }
    }
}
