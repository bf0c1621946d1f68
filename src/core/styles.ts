/** The seven conversation styles of MIND (ICLR 2025), in the paper's names. */
export const STYLE_IDS = [
  'TWO_STUDENTS',
  'TEACHER_STUDENT',
  'TWO_PROFESSORS',
  'DEBATE',
  'INTERVIEW',
  'PROBLEM_SOLVING',
  'LAYMAN_KNOWALL',
] as const;

export type StyleId = (typeof STYLE_IDS)[number];

export interface StyleInfo {
  id: StyleId;
  label: string;
  /** Speaker names the prompt asks for, in turn order. */
  speakers: readonly [string, string];
  /** Whether the speakers differ in knowledge: MIND found this gap matters most. */
  knowledgeGap: boolean;
  /** What the conversation is, in one clause, used inside the prompt. */
  setting: string;
}

export const STYLES: Record<StyleId, StyleInfo> = {
  TWO_STUDENTS: {
    id: 'TWO_STUDENTS', label: 'Two Students', speakers: ['Student A', 'Student B'], knowledgeGap: true,
    setting: 'two students work through the material together, each filling gaps in the other\'s understanding',
  },
  TEACHER_STUDENT: {
    id: 'TEACHER_STUDENT', label: 'Teacher–Student', speakers: ['Teacher', 'Student'], knowledgeGap: true,
    setting: 'a teacher explains the material while a student asks questions and sometimes gets things wrong',
  },
  TWO_PROFESSORS: {
    id: 'TWO_PROFESSORS', label: 'Two Professors', speakers: ['Professor A', 'Professor B'], knowledgeGap: false,
    setting: 'two professors who both know the subject well discuss the material',
  },
  DEBATE: {
    id: 'DEBATE', label: 'Debate', speakers: ['Proponent', 'Opponent'], knowledgeGap: false,
    setting: 'two participants argue opposing positions, each grounded in the material',
  },
  INTERVIEW: {
    id: 'INTERVIEW', label: 'Interview', speakers: ['Interviewer', 'Expert'], knowledgeGap: true,
    setting: 'an interviewer questions a subject-matter expert about the material',
  },
  PROBLEM_SOLVING: {
    id: 'PROBLEM_SOLVING', label: 'Problem Solving', speakers: ['Solver A', 'Solver B'], knowledgeGap: false,
    setting: 'two people solve the problems in the material step by step',
  },
  LAYMAN_KNOWALL: {
    id: 'LAYMAN_KNOWALL', label: 'Layman–Know-all', speakers: ['Layman', 'Know-all'], knowledgeGap: true,
    setting: 'a curious layperson questions a knowledgeable person about the material',
  },
};
