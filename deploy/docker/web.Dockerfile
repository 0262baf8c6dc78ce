# Sente.Web: a stateless web node (WebSocket endpoint, HTTP API, demo page).
# Build from the repository root:  docker build -f deploy/docker/web.Dockerfile -t sente-web .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Sente.Contracts/Sente.Contracts.csproj Sente.Contracts/
COPY Sente.Grains/Sente.Grains.csproj Sente.Grains/
COPY Sente.Web/Sente.Web.csproj Sente.Web/
RUN dotnet restore Sente.Web/Sente.Web.csproj
COPY Sente.Contracts/ Sente.Contracts/
COPY Sente.Grains/ Sente.Grains/
COPY Shared/ Shared/
COPY Sente.Web/ Sente.Web/
RUN dotnet publish Sente.Web/Sente.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Data Protection keys (auth cookies, antiforgery). Every web node behind one load balancer must
# share them: mount one volume here on all nodes (compose.yaml does). The directory exists in the
# image, owned by the app user, so a fresh named volume is writable.
RUN mkdir -p /home/app/.aspnet/DataProtection-Keys && chown -R $APP_UID /home/app/.aspnet
USER $APP_UID
# Client mode by default: the silos run in their own containers. The listen address is set as
# plain `Urls`, not ASPNETCORE_URLS: appsettings.json's "Urls" (localhost:5000, for dotnet run)
# would override the prefixed variable, while plain environment variables override the JSON file.
ENV Orleans__Mode=Client \
    Urls=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Sente.Web.dll"]
