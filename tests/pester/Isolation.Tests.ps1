# The module's Microsoft.Graph and Azure.Identity copies must not clash with older ones another module
# (Az.Accounts, Microsoft.Graph.Authentication) already loaded into the session. Runs in a child process,
# because an assembly loaded into the default context stays there for the life of the process.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:sim = Start-AdeSimulator -Scenario 'paging.json'
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $script:oldAzureCore = Join-Path $packages 'azure.core/1.36.0/lib/net6.0/Azure.Core.dll'
    $script:pwsh = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
        @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'))
    } else { @([Environment]::ProcessPath) }
}

AfterAll {
    Stop-AdeSimulator $script:sim
}

Describe 'Assembly isolation on PowerShell 7' {
    It 'works when an older Azure.Core is already loaded in the session' {
        Test-Path $oldAzureCore | Should -BeTrue -Because 'tests/tools/tools.csproj downloads Azure.Core 1.36.0'
        $token = New-AdeSimToken -Simulator $sim
        $script = Join-Path $TestDrive 'isolation.ps1'
        @"
`$ErrorActionPreference = 'Stop'
`$old = [Reflection.Assembly]::LoadFrom('$oldAzureCore')
Import-Module '$(Get-AdeTestModulePath)'
Connect-AdeGraph -AccessToken (ConvertTo-SecureString '$token' -AsPlainText -Force) -GraphEndpoint '$($sim.Url)' | Out-Null
'count=' + @(Get-AdeTokenStatus).Count
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Azure.Core' } | ForEach-Object {
    'azurecore={0}|{1}' -f `$_.GetName().Version, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name
}
"@ | Set-Content $script
        $rest = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script)
        $output = & $pwsh[0] @rest 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -Match 'count=7'
        $output | Should -Match 'azurecore=1\.36\.0\.0\|Default'
        $output | Should -Match 'azurecore=1\.\d+\.0\.0\|AdeTokens'
    }
}
