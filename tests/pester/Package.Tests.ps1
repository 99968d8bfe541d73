# The packages build.ps1 -Task Package writes, installed and used the way an admin would.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $script:packageDir = Join-Path $repoRoot 'out' 'package'
    $script:version = (Import-PowerShellDataFile (Join-Path $repoRoot 'AdeTokens.psd1')).ModuleVersion
    $script:nupkg = Join-Path $packageDir "AdeTokens.$version.nupkg"
    $script:zip = Join-Path $packageDir 'AdeTokens.zip'
    $script:laidOut = Import-PowerShellDataFile (Get-AdeTestModulePath)

    # The same PowerShell that runs the tests, started afresh (dotnet pwsh runs it as pwsh.dll).
    function Start-FreshPwsh {
        param([string] $Script, [hashtable] $Environment, [string[]] $File)
        $psi = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        $arguments = if ($File) { @('-NoProfile', '-NonInteractive', '-File') + $File } else { '-NoProfile', '-NonInteractive', '-Command', $Script }
        foreach ($a in $arguments) { $psi.ArgumentList.Add($a) }
        # Nothing of this session may leak in: the child finds modules and repositories under its own HOME only.
        foreach ($name in 'PSModulePath', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'ADETOKENS_TEST_MODULE') { $null = $psi.Environment.Remove($name) }
        foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $p = [Diagnostics.Process]::Start($psi)
        $err = $p.StandardError.ReadToEndAsync()
        $out = $p.StandardOutput.ReadToEnd()
        $p.WaitForExit()
        [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $out; Error = $err.GetAwaiter().GetResult() }
    }
}

Describe 'Packages' {
    It 'writes a nupkg and an Azure Automation zip, the zip under 100 MB' {
        Test-Path $nupkg | Should -BeTrue -Because 'build.ps1 -Task Package (run by -Task Test) writes it'
        Test-Path $zip | Should -BeTrue
        (Get-Item $zip).Length | Should -BeLessThan 100MB
    }

    It 'puts the AdeTokens module folder at the root of the zip' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $archive = [IO.Compression.ZipFile]::OpenRead($zip)
        try {
            $names = @($archive.Entries.FullName)
        }
        finally {
            $archive.Dispose()
        }
        $names | Should -Contain 'AdeTokens/AdeTokens.psd1'
        $names | Should -Contain 'AdeTokens/bin/AdeTokens.Bootstrap.dll'
        $names | Should -Contain 'AdeTokens/bin/AdeTokens.Cmdlets.psd1'
        $names | Should -Contain 'AdeTokens/bin/net8.0/AdeTokens.Loader.dll'
        $names | Should -Contain 'AdeTokens/bin/net472/AdeTokens.dll'
        $names | Should -Contain 'AdeTokens/bin/net8.0/lib/AdeTokens.dll'
        $names | Should -Contain 'AdeTokens/LICENSE'
        @($names | Where-Object { $_ -notlike 'AdeTokens/*' -or $_ -like '*\*' }) | Should -BeNullOrEmpty
    }

    It 'fills the manifest with release notes from CHANGELOG.md, the licence and project links, and explicit exports' {
        $changelog = Get-Content (Join-Path $repoRoot 'CHANGELOG.md') -Raw
        $notes = $laidOut.PrivateData.PSData.ReleaseNotes
        $notes | Should -Not -Be 'See CHANGELOG.md.'
        $firstEntry = ($changelog -split "`n" | Where-Object { $_ -like '- *' } | Select-Object -First 1).Trim()
        $notes | Should -BeLike "*$firstEntry*"
        $laidOut.PrivateData.PSData.LicenseUri | Should -Match '^https://.+/LICENSE$'
        $laidOut.PrivateData.PSData.ProjectUri | Should -Match '^https://'
        $laidOut.FunctionsToExport.Count | Should -Be 0
        $laidOut.CmdletsToExport | Should -Not -Contain '*'
        $laidOut.FormatsToProcess | Should -Be 'AdeTokens.Format.ps1xml', 'AdeTokens.Remediation.Format.ps1xml'
        Test-Path (Join-Path (Split-Path (Get-AdeTestModulePath)) 'LICENSE') | Should -BeTrue
    }

    It 'installs with Install-PSResource into a clean HOME, imports by name and reads the simulated tenant' {
        $sim = Start-AdeSimulator -Scenario 'demo.json'
        $tempHome = Join-Path ([IO.Path]::GetTempPath()) ('adetokens-home-' + [guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory $tempHome
        try {
            $script = @'
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name AdeTokensLocal -Uri $env:ADE_PACKAGES -Trusted
Install-PSResource -Name AdeTokens -Repository AdeTokensLocal -Scope CurrentUser -TrustRepository -Quiet
Import-Module AdeTokens
$module = Get-Module AdeTokens
Connect-AdeGraph -AccessToken (ConvertTo-SecureString $env:ADE_TOKEN -AsPlainText -Force) -GraphEndpoint $env:ADE_GRAPH | Out-Null
$tokens = @(Get-AdeTokenStatus)
[pscustomobject]@{
    ModuleBase = $module.ModuleBase
    Version    = "$($module.Version)"
    Installed  = @(Get-InstalledPSResource -Name AdeTokens -Scope CurrentUser).Count
    Tokens     = $tokens.Count
    Type       = $tokens[0].GetType().FullName
    Names      = @($tokens.Name)
} | ConvertTo-Json -Compress
'@
            $token = New-AdeSimToken -Simulator $sim
            $r = Start-FreshPwsh -Script $script -Environment @{ HOME = $tempHome; ADE_PACKAGES = $packageDir; ADE_TOKEN = $token; ADE_GRAPH = $sim.Url }
            $r.ExitCode | Should -Be 0 -Because $r.Error
            $result = ($r.Output.Trim() -split "`n" | Select-Object -Last 1) | ConvertFrom-Json
            $result.ModuleBase | Should -BeLike "$tempHome*"
            $result.Version | Should -Be $version
            $result.Installed | Should -Be 1
            $result.Type | Should -Be 'AdeTokens.TokenStatus'
            $result.Tokens | Should -BeGreaterThan 0
            $result.Names | Should -Contain 'Contoso ABM'
            $r.Output | Should -Not -Match ([regex]::Escape($token))
        }
        finally {
            Stop-AdeSimulator $sim
            Remove-Item $tempHome -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'runs the example runbook with a managed identity and fails the job on a critical token' {
        $sim = Start-AdeSimulator -Scenario 'demo.json'
        try {
            $runbook = Join-Path $repoRoot 'examples' 'AdeTokens.Runbook.ps1'
            $modules = Split-Path (Split-Path (Split-Path (Get-AdeTestModulePath)))
            $r = Start-FreshPwsh -File $runbook, '-GraphEndpoint', $sim.Url -Environment @{
                PSModulePath      = $modules
                IDENTITY_ENDPOINT = "$($sim.Url)/msi/token"
                IDENTITY_HEADER   = $sim.IdentityHeader
            }
            $r.ExitCode | Should -Not -Be 0 -Because 'the demo tenant has critical tokens, and a failed job is what alerts the admin'
            $r.Error | Should -Match 'at or above Critical'
            $r.Output | Should -Match 'Contoso'
        }
        finally {
            Stop-AdeSimulator $sim
        }
    }
}
