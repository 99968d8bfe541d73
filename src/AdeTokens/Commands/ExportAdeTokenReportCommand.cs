using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using AdeTokens.Reporting;
using AdeTokens.Renewal;

namespace AdeTokens.Commands
{
    // Export-* writes a file and ConvertTo-AdeTokenReport returns the text, PowerShell's own split (Export-Csv and
    // ConvertTo-Csv). The format follows the file's extension, so "-Path r.csv" can never get HTML written into it.
    [Cmdlet(VerbsData.Export, "AdeTokenReport")]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportAdeTokenReportCommand : AdeCmdletBase
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        // Not Mandatory: a missing -Path is a clear error rather than a prompt in the middle of a pipeline.
        [Parameter(Position = 0)]
        public string? Path { get; set; }

        [Parameter(Position = 1)]
        public ReportFormat Format { get; set; } = ReportFormat.Html;

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        private readonly List<HealthResult> _results = new List<HealthResult>();
        private string _fullPath = string.Empty;
        private ReportFormat _format;

        protected override void BeginProcessing()
        {
            if (string.IsNullOrWhiteSpace(Path))
            {
                const string message = "Export-AdeTokenReport writes a file and needs -Path. To get the report as text, use ConvertTo-AdeTokenReport.";
                ThrowTerminatingError(ErrorRecords.Argument("ReportPathMissing", message, nameof(Path),
                    "Give a file, for example -Path ./ade-report.html (the extension picks the format), or pipe to ConvertTo-AdeTokenReport -Format Markdown for text."));
            }
            _fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            _format = ResolveFormat(_fullPath);
            // Refused before any input is collected; ReportFile.Write checks again atomically.
            if (!Force && File.Exists(_fullPath)) ThrowTerminatingError(ErrorRecords.From(KeyFile.Exists(_fullPath)));
        }

        private ReportFormat ResolveFormat(string fullPath)
        {
            var byExtension = HealthReport.FormatFromExtension(fullPath);
            var explicitFormat = MyInvocation.BoundParameters.ContainsKey(nameof(Format));
            if (byExtension.HasValue)
            {
                if (!explicitFormat || byExtension.Value == Format) return byExtension.Value;
                var message = $"-Format {Format} does not match the file's extension '{System.IO.Path.GetExtension(fullPath)}', which stands for {byExtension.Value}. Nothing was written.";
                ThrowTerminatingError(ErrorRecords.Argument("ReportFormatMismatch", message, Path,
                    $"Leave out -Format to write {byExtension.Value}, or give the file the {Format} extension ({HealthReport.Extension(Format)})."));
            }
            if (explicitFormat) return Format;
            var unknown = $"The file '{fullPath}' has no report extension, so the format is not clear. Nothing was written.";
            ThrowTerminatingError(ErrorRecords.Argument("ReportFormatUnknown", unknown, Path, "End the file name in .html, .md, .json or .csv, or say which format with -Format."));
            return Format;
        }

        protected override void ProcessRecord() => PipelineInput.CollectHealthResults(this, InputObject, _results, "UnsupportedReportInput");

        protected override void EndProcessing()
        {
            var report = new HealthReport(_results, DateTimeOffset.UtcNow, Title);
            var text = report.Render(_format);
            try
            {
                ReportFile.Write(_fullPath, text, _format, Force);
            }
            catch (RemediationException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e));
            }
            WriteVerbose($"Wrote the {_format} report on {report.Results.Count} token(s) to {_fullPath}.");
            if (PassThru) WriteObject(new FileInfo(_fullPath));
        }
    }
}
