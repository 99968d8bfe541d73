using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using AdeTokens.Remediation;
using AdeTokens.Reporting;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsData.Export, "AdeTokenReport", DefaultParameterSetName = TextSet)]
    [OutputType(typeof(string), ParameterSetName = new[] { TextSet })]
    [OutputType(typeof(FileInfo), ParameterSetName = new[] { FileSet })]
    public sealed class ExportAdeTokenReportCommand : AdeCmdletBase
    {
        private const string TextSet = "Text";
        private const string FileSet = "File";

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter(Position = 0)]
        public ReportFormat Format { get; set; } = ReportFormat.Html;

        [Parameter(ParameterSetName = FileSet, Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        [Parameter(ParameterSetName = FileSet)]
        public SwitchParameter Force { get; set; }

        [Parameter(ParameterSetName = FileSet)]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        private readonly List<HealthResult> _results = new List<HealthResult>();
        private string? _fullPath;

        protected override void BeginProcessing()
        {
            if (ParameterSetName != FileSet) return;
            _fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            // Refused before any input is collected; ReportFile.Write checks again atomically.
            if (!Force && File.Exists(_fullPath)) ThrowTerminatingError(RemediationErrors.From(KeyFile.Exists(_fullPath)));
        }

        protected override void ProcessRecord() => CollectHealthResults(InputObject, _results, "UnsupportedReportInput");

        protected override void EndProcessing()
        {
            var report = new HealthReport(_results, DateTimeOffset.UtcNow, Title);
            var text = report.Render(Format);
            if (_fullPath is null)
            {
                WriteObject(text);
                return;
            }
            try
            {
                ReportFile.Write(_fullPath, text, Format, Force);
            }
            catch (RemediationException e)
            {
                ThrowTerminatingError(RemediationErrors.From(e));
            }
            WriteVerbose($"Wrote the {Format} report on {report.Results.Count} token(s) to {_fullPath}.");
            if (PassThru) WriteObject(new FileInfo(_fullPath));
        }
    }
}
