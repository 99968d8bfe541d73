using System.Management.Automation;
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

        private readonly PipedTokenIds _piped = new PipedTokenIds();

        protected override void ProcessRecord()
        {
            if (_piped.Next(this, InputObject, Id) is not { } id) return;
            Id = id;
            string? path = null;
            try
            {
                if (ParameterSetName == FileSet || ParameterSetName == InputFileSet)
                {
                    path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
                    // Before any Graph call, so a refused path costs nothing.
                    PublicKeyExport.CheckPath(path, "-OutFile path", Force);
                }
                var (token, key) = RunAsync((_, ct) => new PublicKeyExport(Service).ReadAsync(Id, null, ct));
                WriteVerbose($"Graph returned the key as {key.Format}: {key}.");
                var label = Records.Label(token);
                if (path != null)
                {
                    PublicKeyExport.Write(path, key, Force);
                    Records.WriteSteps(this, $"Wrote the public key of {label} to {path}. Next steps:", RenewalGuide.AbmSteps(label, path, null));
                    WriteWarning(RenewalGuide.DownloadInvalidatesWarning);
                }
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
