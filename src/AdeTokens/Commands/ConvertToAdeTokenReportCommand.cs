using System;
using System.Collections.Generic;
using System.Management.Automation;
using AdeTokens.Reporting;

namespace AdeTokens.Commands
{
    /// <summary>The report as one string, for a variable, a ticket or a mail body; Export-AdeTokenReport writes files.</summary>
    [Cmdlet(VerbsData.ConvertTo, "AdeTokenReport")]
    [OutputType(typeof(string))]
    public sealed class ConvertToAdeTokenReportCommand : AdeCmdletBase
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter(Position = 0)]
        public ReportFormat Format { get; set; } = ReportFormat.Html;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        private readonly List<HealthResult> _results = new List<HealthResult>();

        protected override void ProcessRecord() => PipelineInput.CollectHealthResults(this, InputObject, _results, "UnsupportedReportInput");

        protected override void EndProcessing() => WriteObject(new HealthReport(_results, DateTimeOffset.UtcNow, Title).Render(Format));
    }
}
