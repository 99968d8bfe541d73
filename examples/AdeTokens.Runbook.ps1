<#
.SYNOPSIS
    Daily ADE token check for an Azure Automation runbook (PowerShell 7.4 or 5.1 runtime).
.DESCRIPTION
    Signs in with the Automation account's managed identity, checks every ADE token (and its default enrollment
    profiles), writes the results to the job's output, and fails the job when a token is at or above -FailOn.
    docs/azure-automation.md walks through importing the module, granting the identity its Graph permission and
    scheduling this runbook.
.PARAMETER FailOn
    The least severe status that fails the job: Critical (the default) or Warning.
.PARAMETER ManagedIdentityClientId
    The client id of a user-assigned managed identity; leave it out for the system-assigned one.
.PARAMETER GraphEndpoint
    Another Microsoft Graph endpoint; leave it out for the global cloud (use Connect-AdeGraph -Environment in a copy
    of this runbook for a national cloud). The tests point it at the simulated tenant.
.EXAMPLE
    ./AdeTokens.Runbook.ps1 -FailOn Warning
#>
param(
    [ValidateSet('Warning', 'Critical')]
    [string] $FailOn = 'Critical',
    [string] $ManagedIdentityClientId,
    [uri] $GraphEndpoint
)
# Stop: the terminating error that -FailOn raises then marks the job Failed (and pwsh -File exits non-zero).
$ErrorActionPreference = 'Stop'
Import-Module AdeTokens

$connect = @{ Identity = $true }
if ($ManagedIdentityClientId) { $connect.ManagedIdentityClientId = $ManagedIdentityClientId }
if ($GraphEndpoint) { $connect.GraphEndpoint = $GraphEndpoint }
Connect-AdeGraph @connect | Out-Null

# Unpiped on purpose: every result reaches the job output before -FailOn stops the pipeline.
Test-AdeTokenHealth -IncludeProfiles -FailOn $FailOn
