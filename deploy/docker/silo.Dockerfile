# Sente.Silo: clustering, streams, Sente's grains and the application's handlers.
# Build from the repository root:  docker build -f deploy/docker/silo.Dockerfile -t sente-silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Sente.Contracts/Sente.Contracts.csproj Sente.Contracts/
COPY Sente.Grains/Sente.Grains.csproj Sente.Grains/
COPY Sente.Silo/Sente.Silo.csproj Sente.Silo/
RUN dotnet restore Sente.Silo/Sente.Silo.csproj
COPY Sente.Contracts/ Sente.Contracts/
COPY Sente.Grains/ Sente.Grains/
COPY Shared/ Shared/
COPY Sente.Silo/ Sente.Silo/
RUN dotnet publish Sente.Silo/Sente.Silo.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
# 11111: silo-to-silo, 30000: gateway (Orleans defaults; change with --Orleans:SiloPort / --Orleans:GatewayPort).
EXPOSE 11111 30000
ENTRYPOINT ["dotnet", "Sente.Silo.dll"]
