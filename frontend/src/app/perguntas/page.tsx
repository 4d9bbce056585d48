"use client";

// A client module, so the area's texts register in the browser (a server page would run it only at build).
import { QuestionsScreen } from "@/features/questions/QuestionsScreen";
import { questionsMessages } from "@/features/questions/messages";
import { registerMessages } from "@/i18n/catalog";

registerMessages(questionsMessages);

export default function Page() {
  return <QuestionsScreen />;
}
