using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Telephony : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CallQueueSettings",
                columns: table => new
                {
                    QueueId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CallbackThresholdSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    CallbackAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CallbackRetryMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    OpeningHours = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallQueueSettings", x => x.QueueId);
                    table.ForeignKey(
                        name: "FK_CallQueueSettings_WorkQueues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "WorkQueues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QueueAgents",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Since = table.Column<DateTime>(type: "TEXT", nullable: false),
                    QueueCallId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LastEventAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueAgents", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "QueueCalls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    QueueId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CallerNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AgentUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ConnectedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastEventAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CallbackAcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CallbackNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CallbackNotBefore = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CallbackAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CallbackPromiseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueCalls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TelephonyEvents",
                columns: table => new
                {
                    EventId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    QueueCallId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgentUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TelephonyEvents", x => x.EventId);
                });

            migrationBuilder.CreateTable(
                name: "QueueCallEstimates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QueueCallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QueueId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GivenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EstimatedSeconds = table.Column<double>(type: "REAL", nullable: true),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ActualSeconds = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueCallEstimates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QueueCallEstimates_QueueCalls_QueueCallId",
                        column: x => x.QueueCallId,
                        principalTable: "QueueCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QueueCallEstimates_QueueCallId",
                table: "QueueCallEstimates",
                column: "QueueCallId");

            migrationBuilder.CreateIndex(
                name: "IX_QueueCallEstimates_QueueId_GivenAt",
                table: "QueueCallEstimates",
                columns: new[] { "QueueId", "GivenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueCalls_CallId",
                table: "QueueCalls",
                column: "CallId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueueCalls_CustomerId",
                table: "QueueCalls",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_QueueCalls_QueueId_EnteredAt",
                table: "QueueCalls",
                columns: new[] { "QueueId", "EnteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueCalls_QueueId_State_EnteredAt",
                table: "QueueCalls",
                columns: new[] { "QueueId", "State", "EnteredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallQueueSettings");

            migrationBuilder.DropTable(
                name: "QueueAgents");

            migrationBuilder.DropTable(
                name: "QueueCallEstimates");

            migrationBuilder.DropTable(
                name: "TelephonyEvents");

            migrationBuilder.DropTable(
                name: "QueueCalls");
        }
    }
}
